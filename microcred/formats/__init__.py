"""Date and number formats that differ from Django's for our audiences (FORMAT_MODULE_PATH)."""
