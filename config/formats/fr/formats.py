# « mardi 9 mars 2027, 14:30 »
DATETIME_FORMAT = "l j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
