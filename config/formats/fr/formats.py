# « mardi 9 mars 2027, 14:30 »
DATETIME_FORMAT = "l j F Y, H:i"
# The month in full: Django's French abbreviations give "Jui" for both juin and juillet.
SHORT_DATETIME_FORMAT = "j F Y, H:i"
# A day alone, and a time alone: as in the formats above (not "Jan. 15, 2027" nor "6:30 p.m.").
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
# The day a range of times alone ends on, when it is the next ("23:30 – 01:00 (14 November)").
MONTH_DAY_FORMAT = "j F"
