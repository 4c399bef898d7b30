"""The missions of the demo, in the order a visitor meets them on the home page."""

from events.demo.dakhla import CONNECT_DAY, INVESTOR_VISIT, TRAINING_PROGRAMME
from events.demo.digital_economy import DIGITAL_ECONOMY_MISSION
from events.demo.virginia_summit import SMALL_BUSINESS_SUMMIT

MISSIONS = [
    DIGITAL_ECONOMY_MISSION,
    INVESTOR_VISIT,
    SMALL_BUSINESS_SUMMIT,
    CONNECT_DAY,
    TRAINING_PROGRAMME,
]
