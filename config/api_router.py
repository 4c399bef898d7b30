from rest_framework.routers import DefaultRouter

from events.agenda.api import views as agenda
from events.certificates.api import views as certificates
from events.checkin.api import badges as checkin_badges
from events.checkin.api import staff as checkin_staff
from events.checkin.api import views as checkin
from events.companies.api import views as companies
from events.meetings.api import views as meetings
from events.missions.api import views as missions
from events.outcomes.api import views as outcomes
from events.registrations.api import views as registrations


class TypedIdRouter(DefaultRouter):
    """Ids in paths are integers (`<int:pk>`), other lookups slugs, unless a viewset names its own converter.

    So /meeting-grids/abc/publish/ is a 404 from the URL resolver, never a 500 from a query that
    could not cast 'abc' to an integer, on every endpoint at once; and the OpenAPI schema reads each
    id's type from its converter. Extra path arguments of an action use the same syntax
    (`url_path="blocked/<int:period_id>"`).
    """

    def __init__(self):
        super().__init__(use_regex_path=False)

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        by_id = getattr(viewset, "lookup_field", "pk") == "pk"
        self._default_value_pattern = "int" if by_id else "slug"
        return super().get_lookup_regex(viewset, lookup_prefix)


router = TypedIdRouter()
router.register("sectors", missions.SectorViewSet, basename="sector")
router.register("organizations", missions.OrganizationViewSet, basename="organization")
router.register("companies", companies.CompanyViewSet, basename="company")
router.register("company-invitations", companies.InvitationViewSet, basename="company-invitation")
router.register("missions", missions.MissionViewSet, basename="mission")
router.register("stops", missions.StopViewSet, basename="stop")
router.register("sessions", missions.SessionViewSet, basename="session")
router.register("delegations", missions.DelegationViewSet, basename="delegation")
router.register("delegates", missions.DelegateViewSet, basename="delegate")
router.register("registrations", registrations.RegistrationViewSet, basename="registration")
router.register("questions", registrations.QuestionViewSet, basename="question")
router.register("session-registrations", registrations.SessionRegistrationsViewSet, basename="session-registrations")

router.register("meeting-grids", meetings.GridViewSet, basename="meeting-grid")
router.register("meeting-participants", meetings.ParticipantViewSet, basename="meeting-participant")
router.register("meeting-requests", meetings.MeetingRequestViewSet, basename="meeting-request")
router.register("meetings", meetings.MeetingViewSet, basename="meeting")
router.register("scheduler-runs", meetings.SchedulerRunViewSet, basename="scheduler-run")
router.register("agenda", agenda.AgendaViewSet, basename="agenda")
router.register("check-ins", checkin.CheckInViewSet, basename="check-in")
router.register("check-in-lists", checkin.CheckInListViewSet, basename="check-in-list")
router.register("meeting-scans", checkin.MeetingScanViewSet, basename="meeting-scan")
router.register("mission-badges", checkin_badges.MissionBadgesViewSet, basename="mission-badges")
router.register("check-in-staff", checkin_staff.CheckInStaffViewSet, basename="check-in-staff")
router.register("certificate-definitions", certificates.DefinitionViewSet, basename="certificate-definition")
router.register("certificates", certificates.CertificateViewSet, basename="certificate")
router.register("certificate-verifications", certificates.VerificationViewSet, basename="certificate-verification")
router.register("feedback-requests", outcomes.FeedbackRequestViewSet, basename="feedback-request")
router.register("follow-up-waves", outcomes.FollowUpWaveViewSet, basename="follow-up-wave")
router.register("leads", outcomes.LeadViewSet, basename="lead")
router.register("mission-outcomes", outcomes.MissionOutcomesViewSet, basename="mission-outcomes")

app_name = "api"
urlpatterns = router.urls
