from rest_framework.routers import DefaultRouter

from events.missions.api import views as missions
from events.registrations.api import views as registrations

router = DefaultRouter()
router.register("sectors", missions.SectorViewSet, basename="sector")
router.register("organizations", missions.OrganizationViewSet, basename="organization")
router.register("missions", missions.MissionViewSet, basename="mission")
router.register("stops", missions.StopViewSet, basename="stop")
router.register("sessions", missions.SessionViewSet, basename="session")
router.register("delegations", missions.DelegationViewSet, basename="delegation")
router.register("delegates", missions.DelegateViewSet, basename="delegate")
router.register("registrations", registrations.RegistrationViewSet, basename="registration")
router.register("session-registrations", registrations.SessionRegistrationsViewSet, basename="session-registrations")

app_name = "api"
urlpatterns = router.urls
