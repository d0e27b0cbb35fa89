"""Tests of selfassess.casework (a package, so its module names may repeat other folders')."""
