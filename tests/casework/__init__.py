"""Tests of selfassess.casework."""
