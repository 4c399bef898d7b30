from rest_framework.routers import DefaultRouter

from events.agenda.api import views as agenda
from events.companies.api import views as companies
from events.meetings.api import views as meetings
from events.missions.api import views as missions
from events.registrations.api import views as registrations

router = DefaultRouter()
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

app_name = "api"
urlpatterns = router.urls
