/* Reads .ics files with libical and prints, per file, each VEVENT's UID, SEQUENCE, SUMMARY, the CN of its
 * ORGANIZER and ATTENDEEs, and start/end:
 * UTC instants (Unix seconds) worked out from the calendar's own VTIMEZONEs, or the date of a
 * whole-day event; and every error libical found (its X-LIC-ERROR properties), parsing and then
 * checking the properties RFC 5546 requires and forbids for the calendar's METHOD.
 * Build: gcc libical_instants.c $(pkg-config --cflags --libs libical). Usage: libical_instants FILE...
 * Prints one JSON list on stdout, in the shape icaljs_instants.mjs prints. */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_json_string(const char *text) {
    putchar('"');
    for (const unsigned char *c = (const unsigned char *)(text ? text : ""); *c; c++) {
        if (*c == '"' || *c == '\\') {
            printf("\\%c", *c);
        } else if (*c < 0x20) {
            printf("\\u%04x", *c);
        } else {
            putchar(*c);
        }
    }
    putchar('"');
}

static char *read_file(const char *path) {
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    rewind(file);
    char *data = malloc(size + 1);
    size_t got = fread(data, 1, size, file);
    data[got] = '\0';
    fclose(file);
    return data;
}

/* Prints , "names": [...]: the CN of the ORGANIZER and of each ATTENDEE, in the order written. */
static void print_names(icalcomponent *event) {
    printf(", \"names\": [");
    int first = 1;
    for (icalproperty *property = icalcomponent_get_first_property(event, ICAL_ANY_PROPERTY); property;
         property = icalcomponent_get_next_property(event, ICAL_ANY_PROPERTY)) {
        icalproperty_kind kind = icalproperty_isa(property);
        if (kind != ICAL_ORGANIZER_PROPERTY && kind != ICAL_ATTENDEE_PROPERTY) continue;
        icalparameter *cn = icalproperty_get_first_parameter(property, ICAL_CN_PARAMETER);
        if (!cn) continue;
        printf("%s", first ? "" : ", ");
        first = 0;
        print_json_string(icalparameter_get_cn(cn));
    }
    printf("]");
}

/* Prints {"date": ...} or {"utc": ...}; returns an error message instead when there is none to print. */
static const char *print_when(icalcomponent *root, icalcomponent *event, icalproperty_kind kind) {
    icalproperty *property = icalcomponent_get_first_property(event, kind);
    if (!property) return "DTSTART or DTEND is missing";
    struct icaltimetype time = icalproperty_get_datetime_with_component(property, event);
    if (icaltime_is_null_time(time)) return "DTSTART or DTEND is not a date or date-time";
    if (time.is_date) {
        printf("{\"date\": \"%04d%02d%02d\"}", time.year, time.month, time.day);
        return NULL;
    }
    icalparameter *tzid = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER);
    icaltimezone *zone;
    if (tzid) {
        /* The calendar's own VTIMEZONE, never libical's built-in zones. */
        zone = icalcomponent_get_timezone(root, icalparameter_get_tzid(tzid));
        if (!zone) return "a TZID names no VTIMEZONE of this calendar";
    } else if (icaltime_is_utc(time)) {
        zone = icaltimezone_get_utc_timezone();
    } else {
        return "a floating date-time";
    }
    printf("{\"utc\": %lld}", (long long)icaltime_as_timet_with_zone(time, zone));
    return NULL;
}

static void print_errors(icalcomponent *component, int *first) {
    for (icalproperty *error = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY); error;
         error = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)) {
        if (!*first) printf(", ");
        print_json_string(icalproperty_get_xlicerror(error));
        *first = 0;
    }
    for (icalcomponent *child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT); child;
         child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
        print_errors(child, first);
    }
}

static void print_file(const char *path) {
    printf("{\"file\": ");
    print_json_string(path);
    char *data = read_file(path);
    icalcomponent *root = data ? icalparser_parse_string(data) : NULL;
    if (!root || icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT) {
        printf(", \"error\": \"not a VCALENDAR\"}");
        free(data);
        return;
    }
    icalrestriction_check(root); /* adds an X-LIC-ERROR for each iTIP rule broken */
    printf(", \"errors\": [");
    int first = 1;
    print_errors(root, &first);
    printf("], \"events\": [");
    first = 1;
    for (icalcomponent *event = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); event;
         event = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)) {
        printf("%s{\"uid\": ", first ? "" : ", ");
        first = 0;
        print_json_string(icalcomponent_get_uid(event));
        icalproperty *sequence = icalcomponent_get_first_property(event, ICAL_SEQUENCE_PROPERTY);
        if (sequence) {
            printf(", \"sequence\": %d", icalproperty_get_sequence(sequence));
        } else {
            printf(", \"sequence\": null");
        }
        const char *problem;
        printf(", \"start\": ");
        if ((problem = print_when(root, event, ICAL_DTSTART_PROPERTY))) print_json_string(problem);
        printf(", \"end\": ");
        if ((problem = print_when(root, event, ICAL_DTEND_PROPERTY))) print_json_string(problem);
        printf(", \"summary\": ");
        print_json_string(icalcomponent_get_summary(event));
        print_names(event);
        printf("}");
    }
    printf("]}");
    icalcomponent_free(root);
    free(data);
}

int main(int argc, char **argv) {
    icalerror_set_errors_are_fatal(0);
    printf("[");
    for (int i = 1; i < argc; i++) {
        if (i > 1) printf(", ");
        print_file(argv[i]);
    }
    printf("]\n");
    return 0;
}
