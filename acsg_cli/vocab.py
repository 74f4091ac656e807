"""The controlled vocabularies of the record format, as enums. Their values are the
YAML spellings."""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from acsg_cli.i18n import N_, gettext


class _Vocab(StrEnum):
    """A vocabulary: each member is declared with its YAML spelling and its label, the value in
    words marked for translation (`N_`, the catalogs in `locale/`)."""

    _msgid: str

    def __new__(cls, value: str, msgid: str = "") -> Self:
        # `msgid` has a default only for the type checker, which reads a lookup by value
        # (`Area("reception")`) as a call of `__new__`; every member names its label.
        if not msgid:
            raise TypeError(f"{cls.__name__} value '{value}' has no label")
        member = str.__new__(cls, value)
        member._value_ = value
        member._msgid = msgid
        return member

    def __str__(self) -> str:
        return str(self.value)

    @property
    def label(self) -> str:
        """The value in words, in the current language ("RSD procedures", "EU agency")."""
        return gettext(self._msgid)


class Area(_Vocab):
    """Areas of an asylum system (FS 3, Annex 1 of the Guide; pledging areas of the MSP)."""

    LEGISLATION = "legislation", N_("Legislation")
    INSTITUTIONAL_CAPACITY = "institutional_capacity", N_("Institutional capacity")
    STRATEGIC_PLANNING = "strategic_planning", N_("Strategic planning")
    FINANCING = "financing", N_("Financing")
    ACCESS_AND_ADMISSION = "access_and_admission", N_("Access and admission")
    RECEPTION = "reception", N_("Reception")
    REGISTRATION = "registration", N_("Registration")
    DOCUMENTATION = "documentation", N_("Documentation")
    IDENTIFICATION_AND_REFERRAL = "identification_and_referral", N_("Identification and referral")
    RSD_PROCEDURES = "rsd_procedures", N_("RSD procedures")
    APPEALS = "appeals", N_("Appeals")
    COUNTRY_OF_ORIGIN_INFORMATION = (
        "country_of_origin_information",
        N_("Country of origin information"),
    )
    QUALITY_ASSURANCE = "quality_assurance", N_("Quality assurance")
    BACKLOG_MANAGEMENT = "backlog_management", N_("Backlog management")
    PROCESSING_MODALITIES = "processing_modalities", N_("Processing modalities")
    CASE_MANAGEMENT_SYSTEMS = "case_management_systems", N_("Case management systems")
    DATA_AND_STATISTICS = "data_and_statistics", N_("Data and statistics")
    TRAINING = "training", N_("Training")
    LEGAL_AID_AND_INFORMATION = "legal_aid_and_information", N_("Legal aid and information")
    AGE_GENDER_DIVERSITY = "age_gender_diversity", N_("Age, gender and diversity")
    INTERPRETATION = "interpretation", N_("Interpretation")
    INTEGRITY_AND_ANTI_FRAUD = "integrity_and_anti_fraud", N_("Integrity and anti-fraud")
    EMERGENCY_PREPAREDNESS = "emergency_preparedness", N_("Emergency preparedness")
    NEEDS_ASSESSMENT = "needs_assessment", N_("Needs assessment")
    STATELESSNESS_DETERMINATION = "statelessness_determination", N_("Statelessness determination")


class QualityDimension(_Vocab):
    """The four qualities of an asylum system the ACSG aims to improve (WM 15.i)."""

    FAIRNESS = "fairness", N_("Fairness")
    EFFICIENCY = "efficiency", N_("Efficiency")
    ADAPTABILITY = "adaptability", N_("Adaptability")
    INTEGRITY = "integrity", N_("Integrity")


class SupportType(_Vocab):
    """Kinds of support (WM 17, FS 4)."""

    TECHNICAL = "technical", N_("Technical")
    MATERIAL = "material", N_("Material")
    FINANCIAL = "financial", N_("Financial")


class ReceivedVia(_Vocab):
    """How a pledge reached the Secretariat (WM 8, FS 3)."""

    UNHCR_COUNTRY_OFFICE = "unhcr_country_office", N_("UNHCR country office")
    SECRETARIAT = "secretariat", N_("ACSG Secretariat")
    GRF_PLEDGE = "grf_pledge", N_("GRF pledge")


class RequestStatus(_Vocab):
    DRAFT = "draft", N_("Draft")
    OPEN = "open", N_("Open")
    MATCHED = "matched", N_("Matched")
    CLOSED = "closed", N_("Closed")
    WITHDRAWN = "withdrawn", N_("Withdrawn")


class OfferStatus(_Vocab):
    OPEN = "open", N_("Open")
    COMMITTED = "committed", N_("Committed")
    WITHDRAWN = "withdrawn", N_("Withdrawn")
    CLOSED = "closed", N_("Closed")


class MatchStatus(_Vocab):
    PROPOSED = "proposed", N_("Proposed")
    CONSENT_PENDING = "consent_pending", N_("Consent pending")
    AGREED = "agreed", N_("Agreed")
    WELCOMED = "welcomed", N_("Welcomed")
    IN_IMPLEMENTATION = "in_implementation", N_("In implementation")
    COMPLETED = "completed", N_("Completed")
    DECLINED = "declined", N_("Declined")
    WITHDRAWN = "withdrawn", N_("Withdrawn")


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

    STATE = "state", N_("State")
    EU_AGENCY = "eu_agency", N_("EU agency")
    INTERNATIONAL_ORG = "international_org", N_("International organisation")
    REGIONAL_ORG = "regional_org", N_("Regional organisation")
    NGO = "ngo", N_("NGO")
    LEGAL_AID = "legal_aid", N_("Legal aid provider")
    BAR_ASSOCIATION = "bar_association", N_("Bar association")
    ACADEMIA = "academia", N_("Academia")
    PRIVATE_SECTOR = "private_sector", N_("Private sector")
    FOUNDATION = "foundation", N_("Foundation")
    REFUGEE_LED_ORG = "refugee_led_org", N_("Refugee-led organisation")
    NHRI = "nhri", N_("National human rights institution")


class Channel(_Vocab):
    """Through UNHCR or bilateral (WM 19-20)."""

    THROUGH_UNHCR = "through_unhcr", N_("Through UNHCR")
    BILATERAL = "bilateral", N_("Bilateral")
    EITHER = "either", N_("Through UNHCR or bilateral")


class RequestTerm(_Vocab):
    """WM 9."""

    SHORT_TERM = "short_term", N_("Short term")
    LONG_TERM = "long_term", N_("Long term")


class OfferTerm(_Vocab):
    """WM 9."""

    SHORT_TERM = "short_term", N_("Short term")
    LONG_TERM = "long_term", N_("Long term")
    EITHER = "either", N_("Short or long term")


class MilestoneType(_Vocab):
    """WM 15.ii asks for quantitative and qualitative milestones."""

    QUANTITATIVE = "quantitative", N_("Quantitative")
    QUALITATIVE = "qualitative", N_("Qualitative")


class Decision(_Vocab):
    """A party's consent decision (FS 3)."""

    GRANTED = "granted", N_("Granted")
    DECLINED = "declined", N_("Declined")
    WITHDRAWN = "withdrawn", N_("Withdrawn")


class Region(_Vocab):
    """UNHCR's seven regional bureaux."""

    SOUTHERN_AFRICA = "southern_africa", N_("Southern Africa")
    EAST_HORN_GREAT_LAKES = (
        "east_horn_great_lakes",
        N_("East and Horn of Africa and the Great Lakes"),
    )
    WEST_CENTRAL_AFRICA = "west_central_africa", N_("West and Central Africa")
    AMERICAS = "americas", N_("The Americas")
    ASIA_PACIFIC = "asia_pacific", N_("Asia and the Pacific")
    EUROPE = "europe", N_("Europe")
    MENA = "mena", N_("Middle East and North Africa")


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

    DRAFT = "draft", N_("Draft")
    PUBLISHED = "published", N_("Published")
    ARCHIVED = "archived", N_("Archived")


class ResourceKind(_Vocab):
    """What a practice's linked resource is."""

    DOCUMENT = "document", N_("Document")
    TOOL = "tool", N_("Tool")
    VIDEO = "video", N_("Video")
    FORM = "form", N_("Form")


class TranslationLanguage(_Vocab):
    """Languages a record's text may be translated into (`translations`); records are written
    in English, and the tool speaks English, French and Spanish (`--lang`)."""

    FR = "fr", N_("French")
    ES = "es", N_("Spanish")


class GcrStage(_Vocab):
    """The stages of a pledge in the Global Compact on Refugees' pledge progress updates."""

    PLANNING = "planning", N_("Planning")
    IN_PROGRESS = "in_progress", N_("In progress")
    FULFILLED = "fulfilled", N_("Fulfilled")


def label_of(kind: type[_Vocab], code: str | None) -> str:
    """The label of `code` in vocabulary `kind`; a code the vocabulary lacks is shown as written."""
    if code is None:
        return ""
    names = LABELS.get(kind, {})
    return gettext(names[code]) if code in names else code


LABELS: dict[type[_Vocab], dict[str, str]] = {
    kind: {member.value: member._msgid for member in kind} for kind in _Vocab.__subclasses__()
}
"""Every vocabulary, each value with its label's message id (as declared in the enums)."""
