"""The Code as data: editions, maps, browsing, merging, import from the form, deadlines."""
