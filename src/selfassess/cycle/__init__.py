"""The yearly cycle: init, import, migrate, diff and status."""
