"""The date and time formats of each language (settings.FORMAT_MODULE_PATH), used by name in templates
("DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"), so each language punctuates its own. What a module leaves
out comes from Django's formats for that language. Times are on the 24-hour clock in every language."""
