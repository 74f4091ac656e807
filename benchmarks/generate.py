"""Generate a large, valid, realistic ACSG registry for benchmarks.

    python benchmarks/generate.py OUT_DIR --requests N --offers M [--matches K] [--seed S] [--force]

writes OUT_DIR/requests/REQ-YYYY-NNNN.yaml, OUT_DIR/offers/OFF-YYYY-NNNN.yaml and
OUT_DIR/matches/MAT-YYYY-NNNN.yaml in the registry's record format. Every file passes
`acsg validate` (schema and cross-file checks) and the committed JSON Schemas:

- requests are mostly `open`, some `draft`; a request is `matched` only when an agreed,
  welcomed or in-implementation match names it (a request with only proposed matches stays open);
- offers are `open`, or `committed` when agreed or later matches take all of their capacity;
- matches are `proposed`, `agreed`, `welcomed` or `in_implementation`, name existing requests and
  offers whose geographic scope covers the requesting States, and (from `agreed` on) carry every
  party's granted consent and a history that follows the lifecycle;
- no offer serves more live matches than its `capacity`.

Output is a function of the arguments only (same seed, same bytes). Run it with the project's
Python (it needs pycountry and the installed `acsg_cli` package for the region mapping), e.g.
`.venv/bin/python benchmarks/generate.py /tmp/registry --requests 700 --offers 300`.

Other scripts import `generate(out, requests, offers, matches=None, seed=1)`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
SCHEMAS = PROJECT / "schemas"
KIND_FOLDERS = ("requests", "offers", "matches")

try:
    import pycountry

    from acsg_cli import geo
except ImportError as exc:  # pragma: no cover - environment problem, not a code path
    sys.exit(
        f"benchmarks/generate.py needs the project's environment ({exc}); "
        f"run it with {PROJECT / '.venv/bin/python'}"
    )

# --------------------------------------------------------------------------------------------
# Vocabularies and word banks
# --------------------------------------------------------------------------------------------

# area code -> (label, gap, objective, quantitative milestone (description, target), qualitative
# milestone)
AREAS: dict[str, tuple[str, str, str, tuple[str, str], str]] = {
    "legislation": (
        "Asylum legislation",
        "The asylum law dates from before the current caseload and has no implementing decrees.",
        "Implementing decrees of the asylum law drafted and submitted for adoption.",
        ("Draft decrees reviewed with the line ministries", "3"),
        "The asylum law and its decrees reflect international refugee law standards",
    ),
    "institutional_capacity": (
        "Institutional capacity",
        "The asylum authority has no permanent staff structure and relies on seconded officials.",
        "A permanent asylum authority with its own staff, budget and organisational chart.",
        ("Permanent posts created and filled", "25"),
        "The asylum authority works under an adopted organisational chart and job descriptions",
    ),
    "strategic_planning": (
        "Strategic planning",
        "There is no multi-year plan for the asylum system and no costed priorities.",
        "A costed multi-year strategy for the asylum system, adopted by the government.",
        ("Consultation workshops held with stakeholders", "4"),
        "The strategy is adopted and published",
    ),
    "financing": (
        "Financing",
        "The asylum authority's budget covers salaries only, not operations.",
        "A budget line for asylum operations in the national budget.",
        ("Share of operating costs covered by the national budget, in percent", "60"),
        "The finance ministry includes the asylum budget line in the medium-term framework",
    ),
    "access_and_admission": (
        "Access and admission",
        "Border officials have no procedure to identify and refer people seeking asylum.",
        "Standard procedures for access to the territory and to the asylum procedure at the "
        "border.",
        ("Border posts applying the referral procedure", "12"),
        "Monitoring finds that asylum claims at the border are registered and referred",
    ),
    "reception": (
        "Reception",
        "Reception capacity is far below arrivals and conditions do not meet minimum standards.",
        "Reception centres meeting minimum standards, with a contingency reserve.",
        ("Reception places meeting the minimum standards", "1500"),
        "Residents' feedback shows improved reception conditions",
    ),
    "registration": (
        "Registration",
        "Registration is done on paper; records are duplicated and lost between offices.",
        "Biometric registration of every asylum applicant at the first point of contact.",
        ("Registration offices equipped and operating", "8"),
        "Registration data is complete and consistent across offices",
    ),
    "documentation": (
        "Documentation",
        "Asylum seekers receive no document proving their status and are at risk of detention.",
        "Secure identity documents for asylum seekers and refugees, recognised by all authorities.",
        ("Documents issued to registered applicants, in percent", "90"),
        "Police and employers recognise the documents in practice",
    ),
    "identification_and_referral": (
        "Identification and referral",
        "People with specific needs are not identified at registration or referred to services.",
        "A referral mechanism for people with specific needs, with standard forms and focal "
        "points.",
        ("Staff trained on identification of specific needs", "60"),
        "Referral pathways are used and followed up by the service providers",
    ),
    "rsd_procedures": (
        "Refugee status determination",
        "First-instance decision makers have no written procedures for interviews and decisions.",
        "Standard operating procedures for first-instance refugee status determination.",
        ("Caseworkers trained on the new procedures", "40"),
        "Decisions meet the quality standard in a peer review",
    ),
    "appeals": (
        "Appeals",
        "The appeal body is not independent of the first instance and has no trained members.",
        "An independent appeal body whose members are trained in refugee law.",
        ("Appeal body members trained", "15"),
        "Appeal decisions are reasoned and published in anonymised form",
    ),
    "country_of_origin_information": (
        "Country of origin information",
        "Caseworkers have no access to reliable, up-to-date country of origin information.",
        "A country of origin information unit producing reports on the main countries of origin.",
        ("Country reports published", "6"),
        "Caseworkers cite COI reports in their decisions",
    ),
    "quality_assurance": (
        "Quality assurance",
        "There is no system to review the quality of asylum decisions.",
        "A quality assurance mechanism that reviews a sample of decisions each quarter.",
        ("Decisions reviewed each quarter", "120"),
        "Quality findings lead to changes in guidance and training",
    ),
    "backlog_management": (
        "Backlog management",
        "More pending cases accumulate each month than are decided.",
        "A backlog reduction plan with case prioritisation and simplified procedures.",
        ("Pending cases at first instance", "5000"),
        "Processing times fall without loss of quality",
    ),
    "processing_modalities": (
        "Processing modalities",
        "All claims go through the same full procedure regardless of their profile.",
        "Differentiated case processing for manifestly well-founded and simple claims.",
        ("Caseload profiles with an adopted processing modality", "5"),
        "Differentiated processing is applied consistently",
    ),
    "case_management_systems": (
        "Case management systems",
        "Case files are kept on spreadsheets that cannot be shared between offices.",
        "An electronic case management system used by every asylum office.",
        ("Offices using the case management system", "10"),
        "Case data is reliable enough for monthly management reports",
    ),
    "data_and_statistics": (
        "Data and statistics",
        "The authority cannot produce reliable statistics on applications and decisions.",
        "Monthly asylum statistics disaggregated by age, sex and nationality.",
        ("Monthly statistical reports published", "12"),
        "Statistics are used for planning and shared with UNHCR",
    ),
    "training": (
        "Training",
        "New staff receive no induction training on refugee law or interviewing.",
        "A training curriculum on refugee law and interviewing, delivered by national trainers.",
        ("National trainers certified", "20"),
        "The curriculum is part of the authority's induction programme",
    ),
    "legal_aid_and_information": (
        "Legal aid and information",
        "Asylum seekers receive no information on the procedure and no legal assistance.",
        "Information on the procedure in the main languages and free legal counselling.",
        ("Applicants receiving legal counselling, in percent", "70"),
        "Applicants report understanding the procedure and their rights",
    ),
    "age_gender_diversity": (
        "Age, gender and diversity",
        "Procedures do not take account of the needs of children and survivors of violence.",
        "Child-sensitive and gender-sensitive procedures applied in every office.",
        ("Interviewers trained on child-sensitive interviewing", "30"),
        "Children's claims are examined with a best interests assessment",
    ),
    "interpretation": (
        "Interpretation",
        "There are no qualified interpreters for several of the main languages of applicants.",
        "A roster of qualified interpreters, including remote interpretation.",
        ("Interpreters on the roster", "50"),
        "Interpretation meets the code of conduct in monitored interviews",
    ),
    "integrity_and_anti_fraud": (
        "Integrity and anti-fraud",
        "The procedure has no safeguards against fraud and corruption.",
        "An integrity framework with a code of conduct, complaint channels and audits.",
        ("Integrity audits completed", "4"),
        "Complaints are investigated and followed up",
    ),
    "emergency_preparedness": (
        "Emergency preparedness",
        "There is no contingency plan for a sudden increase in arrivals.",
        "A contingency plan for large-scale arrivals, tested in a simulation.",
        ("Simulation exercises held", "2"),
        "The contingency plan is adopted and known to the authorities concerned",
    ),
    "needs_assessment": (
        "Needs assessment",
        "The gaps and needs of the asylum system have never been assessed.",
        "A comprehensive assessment of the asylum system's gaps, needs and capacity.",
        ("Provinces covered by the assessment", "6"),
        "The assessment is validated by the national authority",
    ),
    "statelessness_determination": (
        "Statelessness determination",
        "There is no procedure to determine statelessness.",
        "A statelessness determination procedure established in law and practice.",
        ("Officials trained on statelessness determination", "25"),
        "The first statelessness determinations are made under the new procedure",
    ),
}
AREA_CODES = list(AREAS)
AREA_WEIGHTS = [3, 3, 2, 1, 2, 3, 4, 2, 2, 6, 3, 4, 4, 3, 2, 4, 2, 5, 3, 2, 3, 1, 2, 2, 1]

QUALITY_DIMENSIONS = ["fairness", "efficiency", "adaptability", "integrity"]
SUPPORT_TYPES = ["technical", "material", "financial"]
RECEIVED_VIA = ["unhcr_country_office", "secretariat", "grf_pledge"]
REGIONS = [
    "southern_africa",
    "east_horn_great_lakes",
    "west_central_africa",
    "americas",
    "asia_pacific",
    "europe",
    "mena",
]

# Territories and uninhabited areas that do not make requests.
NOT_STATES = {
    "ABW",
    "AIA",
    "ALA",
    "ASM",
    "ATA",
    "ATF",
    "BES",
    "BLM",
    "BMU",
    "BVT",
    "CCK",
    "COK",
    "CUW",
    "CXR",
    "CYM",
    "ESH",
    "FLK",
    "FRO",
    "GGY",
    "GIB",
    "GLP",
    "GRL",
    "GUF",
    "GUM",
    "HKG",
    "HMD",
    "IMN",
    "IOT",
    "JEY",
    "MAC",
    "MAF",
    "MNP",
    "MSR",
    "MTQ",
    "MYT",
    "NCL",
    "NFK",
    "NIU",
    "PCN",
    "PRI",
    "PYF",
    "REU",
    "SGS",
    "SHN",
    "SJM",
    "SPM",
    "SXM",
    "TCA",
    "TKL",
    "UMI",
    "VAT",
    "VGB",
    "VIR",
    "WLF",
}

DONOR_STATES = [
    "ARG",
    "AUS",
    "AUT",
    "BEL",
    "BRA",
    "CAN",
    "CHE",
    "CHL",
    "COL",
    "CRI",
    "CZE",
    "DEU",
    "DNK",
    "ECU",
    "ESP",
    "EST",
    "FIN",
    "FRA",
    "GBR",
    "GRC",
    "IRL",
    "ISL",
    "ITA",
    "JPN",
    "KEN",
    "KOR",
    "LUX",
    "MAR",
    "MEX",
    "NLD",
    "NOR",
    "NZL",
    "PER",
    "PHL",
    "POL",
    "PRT",
    "RWA",
    "SWE",
    "TUR",
    "UGA",
    "URY",
    "USA",
    "ZAF",
]

# Working languages (ISO 639-1) of some countries; others fall back to their region.
COUNTRY_LANGUAGES = {
    "ARG": ["es"],
    "AUS": ["en"],
    "AUT": ["de", "en"],
    "BEL": ["fr", "nl"],
    "BRA": ["pt"],
    "CAN": ["en", "fr"],
    "CHE": ["fr", "de"],
    "CHL": ["es"],
    "COL": ["es"],
    "CRI": ["es"],
    "CZE": ["cs", "en"],
    "DEU": ["de", "en"],
    "DNK": ["da", "en"],
    "ECU": ["es"],
    "ESP": ["es"],
    "EST": ["et", "en"],
    "FIN": ["fi", "en"],
    "FRA": ["fr"],
    "GBR": ["en"],
    "GRC": ["el", "en"],
    "IRL": ["en"],
    "ISL": ["is", "en"],
    "ITA": ["it", "en"],
    "JPN": ["ja", "en"],
    "KEN": ["en", "sw"],
    "KOR": ["ko", "en"],
    "LUX": ["fr", "de"],
    "MAR": ["ar", "fr"],
    "MEX": ["es"],
    "NLD": ["nl", "en"],
    "NOR": ["no", "en"],
    "NZL": ["en"],
    "PER": ["es"],
    "PHL": ["en"],
    "POL": ["pl", "en"],
    "PRT": ["pt"],
    "RWA": ["fr", "en"],
    "SWE": ["sv", "en"],
    "TUR": ["tr", "en"],
    "UGA": ["en"],
    "URY": ["es"],
    "USA": ["en"],
    "ZAF": ["en"],
    "TCD": ["fr", "ar"],
    "NER": ["fr"],
    "MLI": ["fr"],
    "BFA": ["fr"],
    "SEN": ["fr"],
    "CMR": ["fr", "en"],
    "COD": ["fr"],
    "COG": ["fr"],
    "CAF": ["fr"],
    "BDI": ["fr"],
    "DJI": ["fr", "ar"],
    "SDN": ["ar", "en"],
    "SSD": ["en"],
    "SOM": ["so", "en"],
    "ETH": ["am", "en"],
    "ERI": ["ti", "en"],
    "TZA": ["sw", "en"],
    "MOZ": ["pt"],
    "AGO": ["pt"],
    "GNB": ["pt"],
    "CPV": ["pt"],
    "HTI": ["fr"],
    "MDG": ["fr", "mg"],
    "AFG": ["ps", "fa"],
    "IRN": ["fa"],
    "PAK": ["ur", "en"],
    "BGD": ["bn", "en"],
    "THA": ["th", "en"],
    "IDN": ["id"],
    "MYS": ["ms", "en"],
    "KAZ": ["ru", "kk"],
    "KGZ": ["ru", "ky"],
    "TJK": ["ru", "tg"],
    "UZB": ["ru", "uz"],
    "UKR": ["uk", "en"],
    "MDA": ["ro", "ru"],
    "GEO": ["ka", "en"],
    "ARM": ["hy", "en"],
    "AZE": ["az", "ru"],
    "SRB": ["sr", "en"],
    "MKD": ["mk", "en"],
    "ALB": ["sq", "en"],
    "BIH": ["bs", "en"],
    "MNE": ["sr", "en"],
    "RUS": ["ru"],
    "BLR": ["ru"],
    "MRT": ["ar", "fr"],
    "DZA": ["ar", "fr"],
    "TUN": ["ar", "fr"],
    "LBN": ["ar", "fr"],
}
REGION_LANGUAGES = {
    "southern_africa": ["en"],
    "east_horn_great_lakes": ["en"],
    "west_central_africa": ["fr", "en"],
    "americas": ["es"],
    "asia_pacific": ["en"],
    "europe": ["en"],
    "mena": ["ar", "en"],
}

AUTHORITIES = [
    "National Commission for Refugees",
    "Directorate of Asylum and Migration",
    "Refugee Status Determination Commission",
    "Ministry of Interior, Asylum Department",
    "National Eligibility Commission",
    "Office for Refugees and Stateless Persons",
    "Department of Immigration, Refugee Affairs Unit",
    "National Asylum Office",
    "Commissioner for Refugee Affairs",
    "Ministry of Justice, Protection Directorate",
]
FIRST_NAMES = [
    "Amina",
    "Jean",
    "Fatima",
    "Carlos",
    "Mariam",
    "Ahmed",
    "Sofia",
    "Kwame",
    "Lucia",
    "Olivier",
    "Nadia",
    "Daniel",
    "Grace",
    "Yusuf",
    "Elena",
    "Moussa",
    "Hannah",
    "Tomas",
    "Aisha",
    "Pedro",
    "Ingrid",
    "Samuel",
    "Leila",
    "Joseph",
]
LAST_NAMES = [
    "Diallo",
    "Martin",
    "Haddad",
    "Garcia",
    "Okafor",
    "Nguyen",
    "Petrov",
    "Mensah",
    "Silva",
    "Kamara",
    "Jensen",
    "Rahman",
    "Moreau",
    "Mwangi",
    "Costa",
    "Traore",
    "Novak",
    "Abdi",
    "Larsen",
    "Mendoza",
    "Osei",
    "Fischer",
    "Sow",
    "Ibrahim",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

# entity type -> name templates ({country} is a country name)
NON_STATE_ENTITIES: dict[str, list[str]] = {
    "eu_agency": [
        "European Union Agency for Asylum (EUAA)",
        "European Union Agency for Fundamental Rights",
    ],
    "international_org": [
        "International Organization for Migration (IOM)",
        "International Centre for Migration Policy Development (ICMPD)",
        "International Development Law Organization (IDLO)",
        "Council of Europe",
    ],
    "regional_org": [
        "African Union Commission",
        "ECOWAS Commission",
        "Organization of American States",
        "Intergovernmental Authority on Development (IGAD)",
        "League of Arab States",
    ],
    "ngo": [
        "Danish Refugee Council",
        "Norwegian Refugee Council",
        "HIAS",
        "Asylum Access",
        "Jesuit Refugee Service",
        "Refugee Council of {country}",
    ],
    "legal_aid": ["Refugee Legal Aid Clinic of {country}", "Legal Aid Board of {country}"],
    "bar_association": ["{country} Bar Association", "Bar Council of {country}"],
    "academia": [
        "University of {country}, Refugee Law Clinic",
        "Institute for Migration Studies, {country}",
        "Refugee Law Initiative",
    ],
    "private_sector": [
        "Northwind Case Systems",
        "Lingua Remote Interpreting",
        "Meridian Data Services",
    ],
    "foundation": ["Foundation for Protection and Inclusion", "{country} Refugee Foundation"],
    "refugee_led_org": [
        "Refugee-Led Organisations Network",
        "Refugee Voices Collective of {country}",
    ],
    "nhri": ["National Human Rights Commission of {country}", "{country} Ombudsperson's Office"],
}
ENTITY_TYPE_WEIGHTS = {
    "state": 40,
    "eu_agency": 4,
    "international_org": 8,
    "regional_org": 4,
    "ngo": 14,
    "legal_aid": 5,
    "bar_association": 3,
    "academia": 8,
    "private_sector": 3,
    "foundation": 3,
    "refugee_led_org": 4,
    "nhri": 4,
}
STATE_AGENCIES = [
    "Ministry of Interior",
    "Immigration and Asylum Service",
    "Refugee Appeals Board",
    "Office for Refugees",
    "Ministry of Foreign Affairs, Development Cooperation",
    "Migration Agency",
]
EXPERTISE = {
    "technical": "peer exchanges, secondments of experienced caseworkers and study visits",
    "material": "equipment for registration and interview rooms, IT hardware and vehicles",
    "financial": "grants for operating costs and for training programmes",
}

START = date(2019, 12, 17)  # Global Refugee Forum: first ACSG pledges
END = date(2025, 12, 31)  # last submission date generated
CAP = date(2026, 9, 30)  # no event (consent, history, update) after this date

# --------------------------------------------------------------------------------------------
# YAML writing helpers (hand-rolled: fast, and the layout people write by hand)
# --------------------------------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z\u00C0-\u024F][^\n#:\"]*$")
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def q(value: str) -> str:
    """A YAML scalar for a string: plain when unambiguous, else double-quoted."""
    if (
        _PLAIN.match(value)
        and value.lower() not in _RESERVED
        and not value.endswith(" ")
        and not value.rstrip().endswith(",")
    ):
        return value
    return json.dumps(value, ensure_ascii=False)


def flow(codes: list[str]) -> str:
    return "[" + ", ".join(codes) + "]"


def text(key: str, value: str, indent: int = 0, width: int = 96) -> str:
    """`key: value`, folded (`>-`) when the value is long."""
    pad = " " * indent
    if len(pad) + len(key) + 2 + len(value) <= width:
        return f"{pad}{key}: {q(value)}\n"
    lines = textwrap.wrap(
        value, width=width - indent - 2, break_long_words=False, break_on_hyphens=False
    )
    return f"{pad}{key}: >-\n" + "".join(f"{pad}  {line}\n" for line in lines)


def schema_line(folder: Path, kind: str) -> str:
    target = SCHEMAS / f"{kind}.schema.json"
    try:
        ref = os.path.relpath(target, folder)
    except ValueError:  # different drives on Windows
        ref = target.as_uri()
    return f"# yaml-language-server: $schema={ref.replace(os.sep, '/')}\n"


# --------------------------------------------------------------------------------------------
# The plan: records as plain objects, then ids, then files
# --------------------------------------------------------------------------------------------


@dataclass
class Req:
    index: int
    states: list[str]
    submitted: date
    areas: list[str]
    support_types: list[str]
    languages: list[str]
    term: str
    draft: bool
    authority: str
    id: str = ""
    status: str = "open"
    overlaps: list[tuple[Mat, str, list[str]]] = field(default_factory=list)


@dataclass
class Off:
    index: int
    entity_type: str
    entity_name: str
    entity_country: str | None
    submitted: date
    areas: list[str]
    support_types: list[str]
    languages: list[str]
    term: str
    scope: tuple[str, list[str]]  # ("global", []) / ("regions", [...]) / ("countries", [...])
    capacity: int
    id: str = ""
    status: str = "open"
    in_response_to: Req | None = None
    live: int = 0


@dataclass
class Mat:
    request: Req
    offers: list[Off]
    status: str
    proposed: date = START
    id: str = ""
    score: float = 0.0
    events: list[tuple[str, date]] = field(default_factory=list)


def _country_name(code: str) -> str:
    c = pycountry.countries.get(alpha_3=code)
    return getattr(c, "common_name", None) or c.name


def _languages_of(code: str) -> list[str]:
    return list(COUNTRY_LANGUAGES.get(code) or REGION_LANGUAGES[geo.region_of(code).value])


def _language_name(code: str) -> str:
    return re.sub(r"\s*\(.*?\)", "", geo.language_name(code))


def _random_date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _pick_areas(rng: random.Random, k: int) -> list[str]:
    chosen: list[str] = []
    while len(chosen) < k:
        a = rng.choices(AREA_CODES, AREA_WEIGHTS)[0]
        if a not in chosen and (a != "financing" or k > 1):  # FS 4: never financing alone
            chosen.append(a)
    return chosen


def _support_types(rng: random.Random) -> list[str]:
    """Always technical (FS 4: all support includes technical exchange), sometimes more."""
    r = rng.random()
    if r < 0.55:
        return ["technical"]
    if r < 0.75:
        return ["technical", "material"]
    if r < 0.9:
        return ["technical", "financial"]
    return ["technical", "material", "financial"]


def _add(items: list[str], value: str) -> None:
    if value not in items:
        items.append(value)


class _Plan:
    def __init__(self, n_req: int, n_off: int, n_mat: int, seed: int) -> None:
        self.rng = random.Random(seed)
        countries = sorted(c.alpha_3 for c in pycountry.countries)
        self.states = [c for c in countries if c not in NOT_STATES and geo.region_of(c) is not None]
        self.by_region: dict[str, list[str]] = {r: [] for r in REGIONS}
        for c in self.states:
            self.by_region[geo.region_of(c).value].append(c)
        # Countries that ask for support most often (weighted draw), as in the real caseload.
        self.frequent = [
            c
            for c in [
                "TCD",
                "NER",
                "MEX",
                "PHL",
                "ZMB",
                "GTM",
                "HND",
                "SLV",
                "ETH",
                "KEN",
                "UGA",
                "RWA",
                "BFA",
                "MLI",
                "CMR",
                "COD",
                "ZAF",
                "MWI",
                "MOZ",
                "TZA",
                "ECU",
                "PER",
                "CRI",
                "PAN",
                "THA",
                "MYS",
                "IDN",
                "PAK",
                "EGY",
                "MRT",
                "MAR",
                "TUN",
                "LBN",
                "JOR",
                "IRQ",
                "MDA",
                "GEO",
                "ARM",
                "SRB",
                "MKD",
            ]
            if c in self.states
        ]
        self.requests = [self._request(i) for i in range(n_req)]
        self.offers = [self._offer(i) for i in range(n_off)]
        self.global_offers = [o for o in self.offers if o.scope[0] == "global"]
        self.region_offers: dict[str, list[Off]] = {r: [] for r in REGIONS}
        self.country_offers: dict[str, list[Off]] = {}
        for o in self.offers:
            if o.scope[0] == "regions":
                for r in o.scope[1]:
                    self.region_offers[r].append(o)
            elif o.scope[0] == "countries":
                for c in o.scope[1]:
                    self.country_offers.setdefault(c, []).append(o)
        self.matches = self._matches(n_mat)
        self._settle()

    # -- requests ------------------------------------------------------------------------
    def _request(self, i: int) -> Req:
        rng = self.rng
        first = rng.choice(self.frequent) if rng.random() < 0.5 else rng.choice(self.states)
        states = [first]
        if rng.random() < 0.08:  # joint request (WM 15.v): neighbours in the same region
            region = geo.region_of(first).value
            others = [c for c in self.by_region[region] if c != first]
            states += rng.sample(others, min(len(others), rng.randint(1, 2)))
        languages: list[str] = []
        for s in states:
            for lang in _languages_of(s):
                _add(languages, lang)
        if "en" not in languages and rng.random() < 0.3:
            languages.append("en")
        return Req(
            index=i,
            states=states,
            submitted=_random_date(rng, START, END),
            areas=_pick_areas(rng, rng.choices([1, 2, 3, 4], [2, 4, 3, 1])[0]),
            support_types=_support_types(rng),
            languages=languages,
            term=rng.choice(["short_term", "long_term", "long_term"]),
            draft=rng.random() < 0.08,
            authority=rng.choice(AUTHORITIES),
        )

    # -- offers --------------------------------------------------------------------------
    def _offer(self, i: int) -> Off:
        rng = self.rng
        etype = rng.choices(list(ENTITY_TYPE_WEIGHTS), list(ENTITY_TYPE_WEIGHTS.values()))[0]
        if etype == "state":
            country: str | None = rng.choice(DONOR_STATES)
            name = f"{_country_name(country)} ({rng.choice(STATE_AGENCIES)})"
        else:
            template = rng.choice(NON_STATE_ENTITIES[etype])
            country = None
            if "{country}" in template:
                country = rng.choice(DONOR_STATES + self.frequent)
                name = template.format(country=_country_name(country))
            else:
                name = template
        languages = _languages_of(country) if country else ["en", "fr"][: rng.randint(1, 2)]
        if "en" not in languages and rng.random() < 0.5:
            languages.append("en")
        r = rng.random()
        if r < 0.3:
            scope: tuple[str, list[str]] = ("global", [])
        elif r < 0.75:
            scope = ("regions", rng.sample(REGIONS, rng.choices([1, 2, 3], [5, 3, 1])[0]))
        else:
            pool = self.by_region[rng.choice(REGIONS)]
            scope = ("countries", rng.sample(pool, min(len(pool), rng.randint(1, 5))))
        return Off(
            index=i,
            entity_type=etype,
            entity_name=name,
            entity_country=country,
            submitted=_random_date(rng, START, END),
            areas=_pick_areas(rng, rng.choices([2, 3, 4, 5, 6], [2, 4, 4, 2, 1])[0]),
            support_types=_support_types(rng),
            languages=languages,
            term=rng.choice(["short_term", "long_term", "either", "either"]),
            scope=scope,
            capacity=rng.choices([1, 2, 3, 4, 5], [3, 4, 3, 1, 1])[0],
        )

    def _candidates(self, req: Req) -> list[Off]:
        region = geo.region_of(req.states[0]).value
        pool = (
            self.global_offers
            + self.region_offers[region]
            + self.country_offers.get(req.states[0], [])
        )
        return [o for o in pool if all(self._covers(o, s) for s in req.states)]

    @staticmethod
    def _covers(offer: Off, country: str) -> bool:
        kind, values = offer.scope
        if kind == "global":
            return True
        if kind == "regions":
            return geo.region_of(country).value in values
        return country in values

    # -- matches -------------------------------------------------------------------------
    def _matches(self, n: int) -> list[Mat]:
        rng = self.rng
        if n and not self.offers:
            raise ValueError("matches need at least one offer")
        eligible = [r for r in self.requests if not r.draft]
        if n and not eligible:
            raise ValueError("matches need at least one non-draft request (try more requests)")
        chosen = rng.sample(eligible, min(n, len(eligible)))
        chosen += [rng.choice(eligible) for _ in range(n - len(chosen))]
        taken: dict[int, set[int]] = {}
        matches = []
        for req in chosen:
            candidates = self._candidates(req) or self.global_offers or self.offers
            k = 2 if rng.random() < 0.15 and len(candidates) > 1 else 1
            sample = rng.sample(candidates, min(len(candidates), 24))
            used = taken.setdefault(req.index, set())

            def score(o: Off, req: Req = req, used: set[int] = used) -> float:
                return (
                    len(set(o.areas) & set(req.areas)) * 2
                    + len(set(o.languages) & set(req.languages))
                    - 1.5 * o.live
                    - (100 if o.index in used else 0)
                    + rng.random()
                )

            picked = sorted(sample, key=score, reverse=True)[:k]
            if any(o.index in used for o in picked):
                picked = [o for o in picked if o.index not in used] or [
                    next((o for o in self.offers if o.index not in used), picked[0])
                ]
            status = rng.choices(
                ["proposed", "agreed", "welcomed", "in_implementation"], [40, 20, 15, 25]
            )[0]
            for o in picked:
                used.add(o.index)
                o.live += 1
                # Only when few offers exist does the fallback pick one that misses a State: widen
                # it.
                missing = [st for st in req.states if not self._covers(o, st)]
                if missing:
                    kind, values = o.scope
                    for st in missing:
                        _add(values, geo.region_of(st).value if kind == "regions" else st)
                # A matched offer shares an area, a support type and a language with the request.
                if not set(o.areas) & set(req.areas):
                    o.areas.append(req.areas[0])
                if not set(o.support_types) & set(req.support_types):
                    o.support_types.append(req.support_types[0])
                if not set(o.languages) & set(req.languages):
                    o.languages.append(req.languages[0])
                if o.term not in ("either", req.term):
                    o.term = "either"
            overlap = len(set(req.areas) & set().union(*(o.areas for o in picked)))
            matches.append(
                Mat(
                    request=req,
                    offers=picked,
                    status=status,
                    score=round(min(0.99, 0.45 + 0.12 * overlap + rng.random() * 0.2), 2),
                )
            )
        return matches

    # -- statuses, dates, ids ------------------------------------------------------------
    def _settle(self) -> None:
        rng = self.rng
        # Some matched offers answered the request they serve (WM 16-17).
        for m in self.matches:
            o = m.offers[0]
            if o.live == 1 and o.in_response_to is None and rng.random() < 0.15:
                o.in_response_to = m.request
                o.submitted = min(END, m.request.submitted + timedelta(days=rng.randint(10, 120)))
        for o in self.offers:
            o.capacity = max(o.capacity, o.live + rng.choice([0, 0, 1]))
        steps = {
            "proposed": ["proposed"],
            "agreed": ["proposed", "consent_pending", "agreed"],
            "welcomed": ["proposed", "consent_pending", "agreed", "welcomed"],
            "in_implementation": [
                "proposed",
                "consent_pending",
                "agreed",
                "welcomed",
                "in_implementation",
            ],
        }
        for m in self.matches:
            start = max([m.request.submitted, *(o.submitted for o in m.offers)])
            on = min(CAP, start + timedelta(days=rng.randint(14, 120)))
            m.proposed = on
            for status in steps[m.status]:
                m.events.append((status, on))
                on = min(CAP, on + timedelta(days=rng.randint(7, 60)))
            if m.status != "proposed":
                m.request.status = "matched"
        # An offer is committed once agreed (or later) matches take all of its capacity.
        holding = Counter(id(o) for m in self.matches if m.status != "proposed" for o in m.offers)
        for o in self.offers:
            if holding[id(o)] >= o.capacity:
                o.status = "committed"
        for r in self.requests:
            if r.draft:
                r.status = "draft"
        _number(self.requests, "REQ", lambda r: r.submitted)
        _number(self.offers, "OFF", lambda o: o.submitted)
        _number(self.matches, "MAT", lambda m: m.proposed)
        self._overlaps()

    def _overlaps(self) -> None:
        """WM 15.vi, FS 2: an open or draft request in a State and area that a live match on
        another request already supports says so in `coordination` and carries a waiver."""
        covered: dict[str, list[tuple[Mat, set[str]]]] = {}
        for m in self.matches:
            offered = set().union(*(o.areas for o in m.offers))
            for state in m.request.states:
                covered.setdefault(state, []).append((m, set(m.request.areas) & offered))
        for r in self.requests:
            if r.status not in ("open", "draft"):
                continue
            seen: set[int] = set()
            for state in r.states:
                for m, areas in covered.get(state, ()):
                    common = [a for a in r.areas if a in areas]
                    if common and m.request is not r and id(m) not in seen:
                        seen.add(id(m))
                        r.overlaps.append((m, state, common))


def _number(items: list[Any], prefix: str, when: Any) -> None:
    counters: dict[int, int] = {}
    order = sorted(range(len(items)), key=lambda i: (when(items[i]), i))
    for item in (items[i] for i in order):
        year = when(item).year
        counters[year] = counters.get(year, 0) + 1
        item.id = f"{prefix}-{year}-{counters[year]:04d}"


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


def _person(rng: random.Random) -> tuple[str, str]:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    return f"{first} {last}", f"{first.lower()}.{last.lower()}@example.org"


def _render_request(r: Req, rng: random.Random, header: str) -> str:
    names = [_country_name(s) for s in r.states]
    where = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    labels = [AREAS[a][0] for a in r.areas]
    title = rng.choice(
        [
            f"{labels[0]} support for the {r.authority}",
            f"Strengthening {labels[0].lower()} in {where}",
            f"{where}: {' and '.join(label.lower() for label in labels[:2])}",
        ]
    )
    out = [
        header,
        "# Generated benchmark record (acsg benchmarks/generate.py)\n",
        f"id: {r.id}\n",
        f"title: {q(title)}\n",
        f"requesting_states: {flow(r.states)}\n",
        f"lead_authority: {q(r.authority)}\n",
        f"submitted_on: {r.submitted.isoformat()}\n",
    ]
    via = rng.choice(RECEIVED_VIA)
    out.append(f"received_via: {via}\n")
    if via == "grf_pledge":
        out.append(f"grf_pledge_ids: [GRF-{r.submitted.year}-{rng.randint(10000, 99999)}]\n")
    out += [
        f"status: {r.status}\n",
        f"areas: {flow(r.areas)}\n",
        f"quality_dimensions: {flow(rng.sample(QUALITY_DIMENSIONS, rng.randint(1, 3)))}\n",
        f"support_types: {flow(r.support_types)}\n",
        f"languages: {flow(r.languages)}\n",
        f"term: {r.term}\n",
        f"urgent: {'true' if rng.random() < 0.15 else 'false'}\n",
    ]
    if "needs_assessment" in r.areas:
        out.append("capacity_assessment_request: true\n")
    assessed = r.submitted - timedelta(days=rng.randint(30, 300))
    out += [
        "needs_assessment:\n",
        f"  completed_on: {assessed.isoformat()}\n",
        text(
            "reference",
            f"Gap and needs assessment of the asylum system of {where}, "
            f"{MONTHS[assessed.month - 1]} {assessed.year}",
            2,
        ),
    ]
    plan_start = r.submitted.year + rng.randint(0, 1)
    out += [
        "national_plan:\n",
        f"  name: {q(f'National asylum strategy {plan_start}-{plan_start + 4}')}\n",
        text(
            "commitment",
            f"Staff and premises for {labels[0].lower()} are funded from the national budget.",
            2,
        ),
    ]
    out.append(text("gap", AREAS[r.areas[0]][1]))
    out.append("objectives:\n")
    out += [f"  - {q(AREAS[a][2])}\n" for a in r.areas[:2]]
    out.append("milestones:\n")
    due = r.submitted
    for n, a in enumerate(r.areas[:2]):
        desc, target = AREAS[a][3]
        due = due + timedelta(days=rng.randint(120, 400))
        out += [
            f"  - description: {q(desc)}\n",
            "    type: quantitative\n",
            f"    target: {json.dumps(str(int(target) * rng.choice([1, 1, 2])))}\n",
            f"    due: {due.isoformat()}\n",
        ]
        if n == 0:  # one qualitative milestone, on the main area
            due = due + timedelta(days=rng.randint(60, 300))
            out += [
                f"  - description: {q(AREAS[a][4])}\n",
                "    type: qualitative\n",
                f"    due: {due.isoformat()}\n",
            ]
    out.append(
        text(
            "sustainability",
            "The results are adopted in regulations and taught by national trainers.",
        )
    )
    if rng.random() < 0.3:
        out += [
            "other_beneficiaries:\n",
            f"  - name: {q(_country_name(r.states[0]) + ' Bar Association')}\n",
            "    type: bar_association\n",
            "    works_with_national_authority: true\n",
        ]
    out.append("coordination:\n")
    providers = rng.sample(
        ["UNHCR", "IOM", "European Union", "World Bank", "UNICEF", "Danish Refugee Council"],
        rng.randint(0, 2),
    )
    if providers:
        out.append("  existing_support:\n")
        for p in providers:
            y = r.submitted.year - rng.randint(0, 2)
            out += [
                f"    - provider: {q(p)}\n",
                "      areas: "
                f"{flow(rng.sample([a for a in AREA_CODES if a not in r.areas], 2))}\n",
                f"      period: {json.dumps(f'{y}-{y + rng.randint(1, 3)}')}\n",
            ]
        mitigation = (
            f"Support from {' and '.join(providers)} is coordinated in a joint work plan "
            f"reviewed each quarter."
        )
    else:
        mitigation = (
            "No other support is received in these areas; the UNHCR country office checks new "
            "offers against the plan."
        )
    if r.overlaps:  # a live match on another request already supports this State in these areas
        named = "; ".join(
            f"{m.id} supports {state} in {', '.join(AREAS[a][0].lower() for a in common)}"
            for m, state, common in r.overlaps[:3]
        )
        more = f" (and {len(r.overlaps) - 3} more)" if len(r.overlaps) > 3 else ""
        mitigation = (
            f"{named}{more}. This request covers other offices and caseloads; the work plans are "
            f"aligned by the UNHCR country office."
        )
    out.append(text("duplication_mitigation", mitigation, 2))
    out.append(
        text(
            "monitoring",
            rng.choice(["Quarterly", "Half-yearly"])
            + " reports to the Secretariat on the milestones.",
        )
    )
    out.append(f"confidential: {'true' if rng.random() < 0.15 else 'false'}\n")
    name, email = _person(rng)
    out += ["contact:\n", f"  name: {q(name)}\n", f"  email: {email}\n"]
    if r.overlaps:
        on = min(
            CAP,
            max([r.submitted, *(m.proposed for m, _, _ in r.overlaps)])
            + timedelta(days=rng.randint(1, 30)),
        )
        out += [
            "waivers:\n",
            "  - rule: ACSG112\n",
            "    reason: Complementary to the live matches named in coordination.\n",
            "    approved_by: ACSG Secretariat\n",
            f"    on: {on.isoformat()}\n",
        ]
    return "".join(out)


def _render_offer(o: Off, rng: random.Random, header: str) -> str:
    labels = [AREAS[a][0].lower() for a in o.areas]
    who = (
        _country_name(o.entity_country)
        if o.entity_type == "state"
        else o.entity_name.split(" (")[0]
    )
    title = f"{who}: support on {labels[0]} and {labels[1]}"
    out = [
        header,
        "# Generated benchmark record (acsg benchmarks/generate.py)\n",
        f"id: {o.id}\n",
        f"title: {q(title)}\n",
        "offering_entity:\n",
        f"  name: {q(o.entity_name)}\n",
        f"  type: {o.entity_type}\n",
    ]
    if o.entity_country:
        out.append(f"  country: {o.entity_country}\n")
    out.append(f"submitted_on: {o.submitted.isoformat()}\n")
    via = rng.choice(RECEIVED_VIA)
    out.append(f"received_via: {via}\n")
    if via == "grf_pledge":
        out.append(f"grf_pledge_ids: [GRF-{o.submitted.year}-{rng.randint(10000, 99999)}]\n")
    out += [
        f"status: {o.status}\n",
        "areas:\n",
        *(f"  - {a}\n" for a in o.areas),
        f"support_types: {flow(o.support_types)}\n",
        f"quality_dimensions: {flow(rng.sample(QUALITY_DIMENSIONS, rng.randint(1, 4)))}\n",
        "geographic_scope:\n",
    ]
    kind, values = o.scope
    out.append("  global: true\n" if kind == "global" else f"  {kind}: {flow(values)}\n")
    out += [
        f"channel: {rng.choice(['through_unhcr', 'bilateral', 'either'])}\n",
        f"capacity: {o.capacity}\n",
        f"term: {o.term}\n",
    ]
    if rng.random() < 0.3:
        out.append(
            "available_until: "
            f"{date(rng.randint(2028, 2030), rng.randint(1, 12), 28).isoformat()}\n"
        )
    if o.in_response_to is not None:
        out += ["proactive: false\n", f"in_response_to: {o.in_response_to.id}\n"]
    else:
        out.append(f"proactive: {'true' if rng.random() < 0.6 else 'false'}\n")
    brings = "; ".join(EXPERTISE[s] for s in o.support_types)
    expertise = (
        "Experience in "
        f"{', '.join(labels[:-1]) + ' and ' + labels[-1] if len(labels) > 1 else labels[0]}, "
        "gained in our own asylum procedures and in earlier cooperation projects. We offer "
        f"{brings}. Experts work in {', '.join(_language_name(lang) for lang in o.languages)}."
    )
    out.append(text("expertise", expertise))
    out.append(f"languages: {flow(o.languages)}\n")
    out.append(f"confidential: {'true' if rng.random() < 0.1 else 'false'}\n")
    name, email = _person(rng)
    out += ["contact:\n", f"  name: {q(name)}\n", f"  email: {email}\n"]
    return "".join(out)


def _render_match(m: Mat, rng: random.Random, header: str) -> str:
    req = m.request
    shared = [a for a in req.areas if any(a in o.areas for o in m.offers)]
    langs = [lang for lang in req.languages if any(lang in o.languages for o in m.offers)]
    covers = (
        ("The offer covers " if len(m.offers) == 1 else "The offers cover ")
        + ", ".join(req.states)
        + (" in its" if len(m.offers) == 1 else " in their")
        + " geographic scope."
    )
    out = [
        header,
        "# Generated benchmark record (acsg benchmarks/generate.py)\n",
        f"id: {m.id}\n",
        f"request: {req.id}\n",
        f"offers: {flow([o.id for o in m.offers])}\n",
        f"status: {m.status}\n",
        f"proposed_on: {m.proposed.isoformat()}\n",
        "proposed_by: ACSG Secretariat\n",
        f"score: {m.score}\n",
        "rationale:\n",
        f"  - {q('Shared areas: ' + ', '.join(AREAS[a][0].lower() for a in shared) + '.')}\n",
        f"  - {q(covers)}\n",
        f"  - {q('Common working language: ' + ', '.join(langs) + '.')}\n",
    ]
    events = dict(m.events)
    if m.status != "proposed":
        out.append("consents:\n")
        start, agreed = events["consent_pending"], events["agreed"]
        for party in [*req.states, *(o.id for o in m.offers)]:
            on = _random_date(rng, start, agreed)
            out += [
                f"  - party: {party}\n",
                "    decision: granted\n",
                f"    on: {on.isoformat()}\n",
                "    recorded_by: ACSG Secretariat\n",
                f"    via: {rng.choice(['unhcr_country_office', 'secretariat', 'email'])}\n",
                text(
                    "evidence",
                    f"Letter of {on.day} {MONTHS[on.month - 1]} {on.year} confirming "
                    f"consent to the match.",
                    4,
                ),
            ]
        out.append(
            text(
                "scope",
                f"{', '.join(AREAS[a][0] for a in shared)} for the {req.authority}: "
                f"{AREAS[shared[0]][2][0].lower()}{AREAS[shared[0]][2][1:]}",
            )
        )
    notes = {
        "proposed": "Candidate found by acsg match propose and reviewed by the Secretariat.",
        "consent_pending": "All parties asked for their consent.",
        "agreed": "Every party consented.",
        "welcomed": "Welcomed by the States at the ACSG meeting.",
        "in_implementation": "Support under way according to the agreed work plan.",
    }
    out.append("history:\n")
    for status, on in m.events:
        out += [
            f"  - on: {on.isoformat()}\n",
            f"    status: {status}\n",
            "    by: ACSG Secretariat\n",
            f"    note: {q(notes[status])}\n",
        ]
    if m.status == "in_implementation":
        out.append("updates:\n")
        on = events["in_implementation"]
        for a in shared[:2]:
            on = min(CAP, on + timedelta(days=rng.randint(60, 120)))
            out += [
                f"  - on: {on.isoformat()}\n",
                text(
                    "summary",
                    f"Activities on {AREAS[a][0].lower()} progress as planned; "
                    f"the next steps were agreed with the {req.authority}.",
                    4,
                ),
                "    milestones_met:\n",
                f"      - {q(AREAS[a][3][0])}\n",
                f"    good_practice: {'true' if rng.random() < 0.2 else 'false'}\n",
            ]
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


def generate(
    out: Path,
    requests: int,
    offers: int,
    matches: int | None = None,
    seed: int = 1,
    *,
    overwrite: bool = False,
) -> None:
    """Write a valid registry of `requests` requests, `offers` offers and `matches` matches
    (default requests // 4) under `out`. Refuses a non-empty kind folder unless `overwrite`,
    which first deletes the `*.yaml` files there."""
    out = Path(out)
    if requests < 0 or offers < 0 or (matches is not None and matches < 0):
        raise ValueError("counts must be >= 0")
    # The default count needs offers to match with; an explicit count without offers is an error.
    n_mat = (requests // 4 if offers else 0) if matches is None else matches
    plan = _Plan(requests, offers, n_mat, seed)
    folders = {kind: out / kind for kind in KIND_FOLDERS}
    jobs = [
        ("requests", "request", plan.requests, _render_request),
        ("offers", "offer", plan.offers, _render_offer),
        ("matches", "match", plan.matches, _render_match),
    ]
    made = {f"{name}/{item.id}.yaml" for name, _kind, items, _render in jobs for item in items}
    for name, folder in folders.items():
        existing = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
        if existing and not overwrite:
            raise FileExistsError(
                f"{folder} already holds record files; use --force to replace them"
            )
        # Files made again are rewritten in place, not removed: removing thousands of files
        # slows the creation of others for minutes on some file systems (see run.discard).
        for path in existing:
            if f"{name}/{path.name}" not in made:
                path.unlink()
        folder.mkdir(parents=True, exist_ok=True)
    for folder_name, kind, items, render in jobs:
        folder = folders[folder_name]
        header = schema_line(folder, kind)
        # One RNG per record, derived from the seed and the id: output does not depend on order.
        for item in items:
            rng = random.Random(f"{seed}:{item.id}")
            (folder / f"{item.id}.yaml").write_text(render(item, rng, header), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate a valid, realistic ACSG registry for benchmarks."
    )
    parser.add_argument("out", type=Path, metavar="OUT_DIR")
    parser.add_argument("--requests", type=int, required=True, metavar="N")
    parser.add_argument("--offers", type=int, required=True, metavar="M")
    parser.add_argument("--matches", type=int, default=None, metavar="K", help="default: N // 4")
    parser.add_argument("--seed", type=int, default=1, metavar="S")
    parser.add_argument(
        "--force", action="store_true", help="replace record files already in OUT_DIR"
    )
    args = parser.parse_args(argv)
    try:
        generate(
            args.out, args.requests, args.offers, args.matches, args.seed, overwrite=args.force
        )
    except (ValueError, FileExistsError) as exc:
        print(f"generate.py: {exc}", file=sys.stderr)
        return 2
    n = sum(1 for kind in KIND_FOLDERS for _ in (args.out / kind).glob("*.yaml"))
    print(f"wrote {n} files under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
