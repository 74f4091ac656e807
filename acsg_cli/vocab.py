"""The controlled vocabularies of the record format, as enums. Their values are the
YAML spellings."""

from __future__ import annotations

from enum import StrEnum


class _Vocab(StrEnum):
    def __str__(self) -> str:
        return str(self.value)


class Area(_Vocab):
    """Areas of an asylum system (FS 3, Annex 1 of the Guide; pledging areas of the MSP)."""

    LEGISLATION = "legislation"
    INSTITUTIONAL_CAPACITY = "institutional_capacity"
    STRATEGIC_PLANNING = "strategic_planning"
    FINANCING = "financing"
    ACCESS_AND_ADMISSION = "access_and_admission"
    RECEPTION = "reception"
    REGISTRATION = "registration"
    DOCUMENTATION = "documentation"
    IDENTIFICATION_AND_REFERRAL = "identification_and_referral"
    RSD_PROCEDURES = "rsd_procedures"
    APPEALS = "appeals"
    COUNTRY_OF_ORIGIN_INFORMATION = "country_of_origin_information"
    QUALITY_ASSURANCE = "quality_assurance"
    BACKLOG_MANAGEMENT = "backlog_management"
    PROCESSING_MODALITIES = "processing_modalities"
    CASE_MANAGEMENT_SYSTEMS = "case_management_systems"
    DATA_AND_STATISTICS = "data_and_statistics"
    TRAINING = "training"
    LEGAL_AID_AND_INFORMATION = "legal_aid_and_information"
    AGE_GENDER_DIVERSITY = "age_gender_diversity"
    INTERPRETATION = "interpretation"
    INTEGRITY_AND_ANTI_FRAUD = "integrity_and_anti_fraud"
    EMERGENCY_PREPAREDNESS = "emergency_preparedness"
    NEEDS_ASSESSMENT = "needs_assessment"
    STATELESSNESS_DETERMINATION = "statelessness_determination"


class QualityDimension(_Vocab):
    """The four qualities of an asylum system the ACSG aims to improve (WM 15.i)."""

    FAIRNESS = "fairness"
    EFFICIENCY = "efficiency"
    ADAPTABILITY = "adaptability"
    INTEGRITY = "integrity"


class SupportType(_Vocab):
    """Kinds of support (WM 17, FS 4)."""

    TECHNICAL = "technical"
    MATERIAL = "material"
    FINANCIAL = "financial"


class ReceivedVia(_Vocab):
    """How a pledge reached the Secretariat (WM 8, FS 3)."""

    UNHCR_COUNTRY_OFFICE = "unhcr_country_office"
    SECRETARIAT = "secretariat"
    GRF_PLEDGE = "grf_pledge"


class RequestStatus(_Vocab):
    DRAFT = "draft"
    OPEN = "open"
    MATCHED = "matched"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


class OfferStatus(_Vocab):
    OPEN = "open"
    COMMITTED = "committed"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"


class MatchStatus(_Vocab):
    PROPOSED = "proposed"
    CONSENT_PENDING = "consent_pending"
    AGREED = "agreed"
    WELCOMED = "welcomed"
    IN_IMPLEMENTATION = "in_implementation"
    COMPLETED = "completed"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


LIVE_MATCH_STATUSES = frozenset(
    {
        MatchStatus.PROPOSED,
        MatchStatus.CONSENT_PENDING,
        MatchStatus.AGREED,
        MatchStatus.WELCOMED,
        MatchStatus.IN_IMPLEMENTATION,
    }
)
"""Matches still under way: they hold an offer's capacity and count as support received."""

ENDED_MATCH_STATUSES = frozenset({MatchStatus.DECLINED, MatchStatus.WITHDRAWN})
"""Matches that came to nothing."""


class EntityType(_Vocab):
    """Who offers support (WM 3; the stakeholders the MSP names)."""

    STATE = "state"
    EU_AGENCY = "eu_agency"
    INTERNATIONAL_ORG = "international_org"
    REGIONAL_ORG = "regional_org"
    NGO = "ngo"
    LEGAL_AID = "legal_aid"
    BAR_ASSOCIATION = "bar_association"
    ACADEMIA = "academia"
    PRIVATE_SECTOR = "private_sector"
    FOUNDATION = "foundation"
    REFUGEE_LED_ORG = "refugee_led_org"
    NHRI = "nhri"


class Channel(_Vocab):
    """Through UNHCR or bilateral (WM 19-20)."""

    THROUGH_UNHCR = "through_unhcr"
    BILATERAL = "bilateral"
    EITHER = "either"


class RequestTerm(_Vocab):
    """WM 9."""

    SHORT_TERM = "short_term"
    LONG_TERM = "long_term"


class OfferTerm(_Vocab):
    """WM 9."""

    SHORT_TERM = "short_term"
    LONG_TERM = "long_term"
    EITHER = "either"


class MilestoneType(_Vocab):
    """WM 15.ii asks for quantitative and qualitative milestones."""

    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"


class Decision(_Vocab):
    """A party's consent decision (FS 3)."""

    GRANTED = "granted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class Region(_Vocab):
    """UNHCR's seven regional bureaux."""

    SOUTHERN_AFRICA = "southern_africa"
    EAST_HORN_GREAT_LAKES = "east_horn_great_lakes"
    WEST_CENTRAL_AFRICA = "west_central_africa"
    AMERICAS = "americas"
    ASIA_PACIFIC = "asia_pacific"
    EUROPE = "europe"
    MENA = "mena"


REGION_NAMES: dict[Region, str] = {
    Region.SOUTHERN_AFRICA: "Southern Africa",
    Region.EAST_HORN_GREAT_LAKES: "East and Horn of Africa and the Great Lakes",
    Region.WEST_CENTRAL_AFRICA: "West and Central Africa",
    Region.AMERICAS: "the Americas",
    Region.ASIA_PACIFIC: "Asia and the Pacific",
    Region.EUROPE: "Europe",
    Region.MENA: "Middle East and North Africa",
}
