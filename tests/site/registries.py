"""Small registries for the portal tests, written into a temporary folder.

`portal_registry` holds a French State offer matched with two requests (Chad, Niger), an NGO
offer, an open request, a good practice learnt from the Chad match, and a confidential request
whose details and every record's contact data carry canary strings that must appear in no file
of the built site. The Chad request, its match and the practice have French and Spanish text.
"""

from __future__ import annotations

from pathlib import Path

CANARIES = (
    "CANARY-GAP-7f3a",
    "CANARY-OBJECTIVE-2b9c",
    "CANARY-TITLE-5d1e",
    "CANARY-AUTHORITY-8c4f",
    "CANARY-MONITORING-1a6b",
    "canary.contact@ministry.example",
    "Canary Contactperson",
    "offer.canary@ngo.example",
    "+33 1 23 45 67 89",
    "canary.note@mail.example",
    "CANARY-EVIDENCE-9e2d",
    "CANARY-RATIONALE-4c7a",
    "CANARY-NGO-EXPERTISE-3f8b",
    "canary.practice@gov.example",
    "Practice Canaryperson",
    "CANARY-GAP-FR-6d2a",
    "CANARY-TITLE-ES-0b7e",
)
"""Confidential details and contact data planted in the registry below."""

RECORDS = {
    "requests/REQ-2021-001.yaml": """\
id: REQ-2021-001
title: Reform of the first-instance asylum procedure in Chad
requesting_states: [TCD]
lead_authority: Commission Nationale d'Eligibilité
submitted_on: 2021-03-01
status: matched
areas: [legislation, rsd_procedures]
support_types: [technical]
languages: [fr]
gap: The CNE has no written procedures for interviews and decisions.
grf_pledge_ids: [GRF-1234]
translations:
  fr:
    title: Réforme de la procédure d'asile en première instance au Tchad
    gap: La CNE n'a pas de procédures écrites pour les entretiens et les décisions.
  es:
    title: Reforma del procedimiento de asilo en primera instancia en Chad
contact:
  name: Canary Contactperson
  email: canary.contact@ministry.example
""",
    "requests/REQ-2021-002.yaml": """\
id: REQ-2021-002
title: An appeals body for Niger
requesting_states: [NER]
submitted_on: 2021-04-01
status: matched
areas: [appeals, training]
support_types: [technical]
""",
    "requests/REQ-2021-003.yaml": """\
id: REQ-2021-003
title: Registration support in Ecuador
requesting_states: [ECU]
submitted_on: 2021-05-01
status: open
areas: [registration]
support_types: [technical, material]
""",
    "requests/REQ-2021-004.yaml": """\
id: REQ-2021-004
title: CANARY-TITLE-5d1e secret reform
requesting_states: [UGA]
lead_authority: CANARY-AUTHORITY-8c4f
submitted_on: 2021-06-01
status: open
areas: [reception]
support_types: [material]
confidential: true
gap: "CANARY-GAP-7f3a: write to canary.note@mail.example or call +33 1 23 45 67 89."
objectives: [CANARY-OBJECTIVE-2b9c]
monitoring: CANARY-MONITORING-1a6b
translations:
  fr: {gap: CANARY-GAP-FR-6d2a}
  es: {title: CANARY-TITLE-ES-0b7e}
contact:
  name: Canary Contactperson
  email: canary.contact@ministry.example
""",
    "offers/OFF-2021-001.yaml": """\
id: OFF-2021-001
title: Peer support on asylum procedures and legislation
offering_entity:
  name: Office français de protection des réfugiés et apatrides
  type: state
  country: FRA
submitted_on: 2021-02-01
status: committed
areas: [legislation, rsd_procedures, training, appeals]
support_types: [technical]
geographic_scope:
  global: true
capacity: 3
expertise: Drafting asylum legislation, interview techniques and decision drafting.
languages: [fr]
""",
    "offers/OFF-2021-002.yaml": """\
id: OFF-2021-002
title: Reception know-how from civil society
offering_entity:
  name: Example Refugee Council
  type: ngo
submitted_on: 2021-02-15
status: open
areas: [reception, registration]
support_types: [technical, material]
geographic_scope:
  regions: [americas, east_horn_great_lakes]
confidential: true
expertise: CANARY-NGO-EXPERTISE-3f8b
contact:
  name: Canary Contactperson
  email: offer.canary@ngo.example
""",
    "matches/MAT-2021-001.yaml": """\
id: MAT-2021-001
request: REQ-2021-001
offers: [OFF-2021-001]
status: in_implementation
proposed_on: 2021-03-10
proposed_by: ACSG Secretariat
rationale: France covers legislation and RSD procedures in French.
consents:
  - party: TCD
    decision: granted
    on: 2021-03-20
    recorded_by: ACSG Secretariat
    evidence: CANARY-EVIDENCE-9e2d
  - party: OFF-2021-001
    decision: granted
    on: 2021-03-21
scope: Standard operating procedures for first-instance decisions.
translations:
  fr:
    scope: Procédures opérationnelles standard pour les décisions de première instance.
history:
  - {on: 2021-03-10, status: proposed}
  - {on: 2021-03-15, status: consent_pending}
  - {on: 2021-03-21, status: agreed}
  - {on: 2021-04-10, status: welcomed}
  - {on: 2021-06-01, status: in_implementation}
updates:
  - on: 2021-09-01
    summary: Forty caseworkers trained on interviews.
    good_practice: true
    practice: GP-2021-001
""",
    "practices/GP-2021-001.yaml": """\
id: GP-2021-001
title: Interview guides for first-instance decisions
countries: [TCD]
categories: [rsd_procedures]
tags: [interviews]
summary: Written interview guides that cut the time of a first-instance decision.
shared_by:
  - {name: Commission Nationale d'Eligibilité, type: state, country: TCD}
website: https://practices.example/guides
resources:
  - title: The interview guide
    url: https://practices.example/guide.pdf
    kind: document
    language: fr
  - title: A checklist "quoted" <b>here</b>
    url: http://practices.example/checklist?a=1&b=2
    kind: tool
matches: [MAT-2021-001]
grf_pledge_ids: [GRF-1234]
submitted_on: 2021-10-01
status: published
contact:
  name: Practice Canaryperson
  email: canary.practice@gov.example
translations:
  fr:
    title: Des guides d'entretien pour les décisions de première instance
    summary: Des guides d'entretien écrits qui raccourcissent les décisions.
  es:
    title: Guías de entrevista para las decisiones de primera instancia
""",
    "matches/MAT-2021-002.yaml": """\
id: MAT-2021-002
request: REQ-2021-002
offers: [OFF-2021-001]
status: agreed
proposed_on: 2021-04-10
consents:
  - {party: NER, decision: granted, on: 2021-04-20}
  - {party: OFF-2021-001, decision: granted, on: 2021-04-21}
history:
  - {on: 2021-04-10, status: proposed}
  - {on: 2021-04-12, status: consent_pending}
  - {on: 2021-04-21, status: agreed}
""",
    "matches/MAT-2021-003.yaml": """\
id: MAT-2021-003
request: REQ-2021-004
offers: [OFF-2021-002]
status: proposed
proposed_on: 2021-06-10
rationale: CANARY-RATIONALE-4c7a
history:
  - {on: 2021-06-10, status: proposed}
""",
}


def portal_registry(root: Path) -> Path:
    """Write the registry above into `root` and return it."""
    for relative, text in RECORDS.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def built_portal(root: Path) -> Path:
    """The registry above and its site, built into `root/site`; the site's folder."""
    from acsg_cli.registry import load_registry
    from acsg_cli.site import build_site

    out = root / "site"
    build_site(load_registry(portal_registry(root / "data")), out)
    return out
