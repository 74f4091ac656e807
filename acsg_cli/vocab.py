"""The controlled vocabularies of the record format, as enums. Their values are the
YAML spellings."""

from __future__ import annotations

from enum import StrEnum

from acsg_cli.i18n import N_, gettext


class _Vocab(StrEnum):
    def __str__(self) -> str:
        return str(self.value)

    @property
    def label(self) -> str:
        """The value in words, in the current language ("RSD procedures", "EU agency")."""
        return gettext(LABELS[type(self)][self.value])


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


class PracticeStatus(_Vocab):
    """A good practice or tool on the Portal's library (FS 1, SR)."""

    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class ResourceKind(_Vocab):
    """What a practice's linked resource is."""

    DOCUMENT = "document"
    TOOL = "tool"
    VIDEO = "video"
    FORM = "form"


class TranslationLanguage(_Vocab):
    """Languages a record's text may be translated into (`translations`); records are written
    in English, and the tool speaks English, French and Spanish (`--lang`)."""

    FR = "fr"
    ES = "es"


class GcrStage(_Vocab):
    """The stages of a pledge in the Global Compact on Refugees' pledge progress updates."""

    PLANNING = "planning"
    IN_PROGRESS = "in_progress"
    FULFILLED = "fulfilled"


def label_of(kind: type[_Vocab], code: str | None) -> str:
    """The label of `code` in vocabulary `kind`; a code the vocabulary lacks is shown as written."""
    if code is None:
        return ""
    names = LABELS.get(kind, {})
    return gettext(names[code]) if code in names else code


LABELS: dict[type[_Vocab], dict[str, str]] = {
    Area: {
        "legislation": N_("Legislation"),
        "institutional_capacity": N_("Institutional capacity"),
        "strategic_planning": N_("Strategic planning"),
        "financing": N_("Financing"),
        "access_and_admission": N_("Access and admission"),
        "reception": N_("Reception"),
        "registration": N_("Registration"),
        "documentation": N_("Documentation"),
        "identification_and_referral": N_("Identification and referral"),
        "rsd_procedures": N_("RSD procedures"),
        "appeals": N_("Appeals"),
        "country_of_origin_information": N_("Country of origin information"),
        "quality_assurance": N_("Quality assurance"),
        "backlog_management": N_("Backlog management"),
        "processing_modalities": N_("Processing modalities"),
        "case_management_systems": N_("Case management systems"),
        "data_and_statistics": N_("Data and statistics"),
        "training": N_("Training"),
        "legal_aid_and_information": N_("Legal aid and information"),
        "age_gender_diversity": N_("Age, gender and diversity"),
        "interpretation": N_("Interpretation"),
        "integrity_and_anti_fraud": N_("Integrity and anti-fraud"),
        "emergency_preparedness": N_("Emergency preparedness"),
        "needs_assessment": N_("Needs assessment"),
        "statelessness_determination": N_("Statelessness determination"),
    },
    QualityDimension: {
        "fairness": N_("Fairness"),
        "efficiency": N_("Efficiency"),
        "adaptability": N_("Adaptability"),
        "integrity": N_("Integrity"),
    },
    SupportType: {
        "technical": N_("Technical"),
        "material": N_("Material"),
        "financial": N_("Financial"),
    },
    ReceivedVia: {
        "unhcr_country_office": N_("UNHCR country office"),
        "secretariat": N_("ACSG Secretariat"),
        "grf_pledge": N_("GRF pledge"),
    },
    RequestStatus: {
        "draft": N_("Draft"),
        "open": N_("Open"),
        "matched": N_("Matched"),
        "closed": N_("Closed"),
        "withdrawn": N_("Withdrawn"),
    },
    OfferStatus: {
        "open": N_("Open"),
        "committed": N_("Committed"),
        "withdrawn": N_("Withdrawn"),
        "closed": N_("Closed"),
    },
    MatchStatus: {
        "proposed": N_("Proposed"),
        "consent_pending": N_("Consent pending"),
        "agreed": N_("Agreed"),
        "welcomed": N_("Welcomed"),
        "in_implementation": N_("In implementation"),
        "completed": N_("Completed"),
        "declined": N_("Declined"),
        "withdrawn": N_("Withdrawn"),
    },
    EntityType: {
        "state": N_("State"),
        "eu_agency": N_("EU agency"),
        "international_org": N_("International organisation"),
        "regional_org": N_("Regional organisation"),
        "ngo": N_("NGO"),
        "legal_aid": N_("Legal aid provider"),
        "bar_association": N_("Bar association"),
        "academia": N_("Academia"),
        "private_sector": N_("Private sector"),
        "foundation": N_("Foundation"),
        "refugee_led_org": N_("Refugee-led organisation"),
        "nhri": N_("National human rights institution"),
    },
    Channel: {
        "through_unhcr": N_("Through UNHCR"),
        "bilateral": N_("Bilateral"),
        "either": N_("Through UNHCR or bilateral"),
    },
    RequestTerm: {"short_term": N_("Short term"), "long_term": N_("Long term")},
    OfferTerm: {
        "short_term": N_("Short term"),
        "long_term": N_("Long term"),
        "either": N_("Short or long term"),
    },
    MilestoneType: {"quantitative": N_("Quantitative"), "qualitative": N_("Qualitative")},
    Decision: {
        "granted": N_("Granted"),
        "declined": N_("Declined"),
        "withdrawn": N_("Withdrawn"),
    },
    PracticeStatus: {
        "draft": N_("Draft"),
        "published": N_("Published"),
        "archived": N_("Archived"),
    },
    ResourceKind: {
        "document": N_("Document"),
        "tool": N_("Tool"),
        "video": N_("Video"),
        "form": N_("Form"),
    },
    TranslationLanguage: {"fr": N_("French"), "es": N_("Spanish")},
    GcrStage: {
        "planning": N_("Planning"),
        "in_progress": N_("In progress"),
        "fulfilled": N_("Fulfilled"),
    },
    Region: {
        "southern_africa": N_("Southern Africa"),
        "east_horn_great_lakes": N_("East and Horn of Africa and the Great Lakes"),
        "west_central_africa": N_("West and Central Africa"),
        "americas": N_("The Americas"),
        "asia_pacific": N_("Asia and the Pacific"),
        "europe": N_("Europe"),
        "mena": N_("Middle East and North Africa"),
    },
}
"""Every vocabulary value in words, marked for translation (the catalogs in `locale/`).

`tests/unit/test_labels.py` fails when a value has no label."""
