"""The Code as data: its editions and maps, browsing, merging, import from the form, deadlines."""

#: The edition commands use when none is named.
DEFAULT_EDITION = "hos-chc-2024"
