# The Arabic comma (U+060C) between the date and the time, as in Django's Arabic DATE_FORMAT; Western digits
# (settings: Morocco's administration and press write them so).
DATETIME_FORMAT = "l j F Y، H:i"
SHORT_DATETIME_FORMAT = "j M Y، H:i"
# A day alone, and a time alone: as in the formats above (not "Jan. 15, 2027" nor "6:30 p.m.").
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
