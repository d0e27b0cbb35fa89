"""Tests of selfassess.report."""
