from events.missions.models.delegation import Delegate, Delegation, ProcurementPriority
from events.missions.models.directory import Organization, Representative, Sector
from events.missions.models.mission import Mission, Session, Stop, mail_topic

__all__ = [
    "Delegate",
    "Delegation",
    "Mission",
    "Organization",
    "ProcurementPriority",
    "Representative",
    "Sector",
    "Session",
    "Stop",
    "mail_topic",
]
