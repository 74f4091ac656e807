"""The disclosure policy: what each audience may see of each record, field by field (FS 3).

Every command that prints, writes or exports record content asks this module:

- `secretariat`: every field but personal contact data.
- a party to a match: its own record; the other side's public fields; a confidential request's
  details once every requesting State has granted consent on that match, a confidential
  offer's once the offer has.
- `shared` (reports, site, exports): public fields; of a confidential request only its State,
  areas, status and dates (of its status moves, not who made them or why); of a confidential
  offer no details (`OFFER_DETAILS`).

Three further rules hold for every audience:
- Personal contact data (`contact`) is never shown (`show --with-contact` is the Secretariat's
  explicit exception).
- Text derived from a field (a score reason, a match's rationale) is withheld wherever the field
  is: `reason_visible` says which signals of the score come from which fields.
- Free text never carries an e-mail address or a phone number: `redact` replaces them, in every
  string of every view, whatever the audience.

Typical use:

```python
audience = Audience.shared()                       # or .secretariat(), or .party(P, match, request)
view = disclose(request, audience)                 # a dict fit to print, and what was withheld
title = shown_title(request, audience)             # the title, or the withheld placeholder
text = redact(update.summary)                      # any free text
```
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from acsg_cli.vocab import Decision

if TYPE_CHECKING:
    from acsg_cli.models import Match, Offer, Practice, Record, Request


class Role(StrEnum):
    SECRETARIAT = "secretariat"
    SHARED = "shared"
    PARTY = "party"


PERSONAL = ("contact",)
"""Personal data: in no printed or exported output."""

SECRETARIAT_ONLY = ("waivers",)
"""The Secretariat's own notes on the criteria."""

REQUEST_PUBLIC_WHEN_CONFIDENTIAL = (
    "id",
    "requesting_states",
    "areas",
    "status",
    "submitted_on",
    "history",
    "confidential",
)
"""What anyone may see of a confidential request before its States consent: State, areas,
status and dates."""

OFFER_DETAILS = ("expertise", "channel", "capacity", "term", "available_until", "in_response_to")
"""A confidential offer's details: shown to the other side only once the offer has consented."""

MATCH_CONSENT_PRIVATE = ("recorded_by", "via", "evidence")
"""How a consent was obtained: the Secretariat's record-keeping, not shared."""

WITHHELD_TITLE = "(withheld: confidential request, FS 3)"
"""What stands in for a confidential request's title where it may not be shown."""

SIGNAL_SOURCES: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "areas": (("areas",), ("areas",)),
    "institutional": (("areas",), ("areas",)),
    "waiting": (("submitted_on",), ()),
    "continuity": (("coordination",), ()),
    "geography": (("requesting_states",), ("geographic_scope",)),
    "text": (("title", "gap", "objectives", "coordination", "national_plan"), ("expertise",)),
    "languages": (("languages",), ()),
    "quality_dimensions": (("quality_dimensions",), ()),
    "support_types": (("support_types",), ()),
    "term": (("term",), ("term",)),
    "urgency": (("urgent",), ()),
    "duplication": (("coordination",), ()),
}
"""The request fields and offer fields each signal of the score (and its reason) derives from.
A signal not listed here derives from something confidential until proven otherwise."""

_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+\.[^\s@<>()\[\],;:\"'.]+")
_PHONE = re.compile(r"(?<![\w/+.-])(\+|00)?\(?\d[\d\s().\-/]{6,}\d(?![\w/-])")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}")
EMAIL_WITHHELD = "[email withheld]"
PHONE_WITHHELD = "[phone withheld]"


def _phone(found: re.Match[str]) -> str:
    text = found.group(0)
    digits = sum(c.isdigit() for c in text)
    international = found.group(1) is not None
    if digits < (8 if international else 9) or digits > 15 or _DATE.search(text):
        return text
    if not international and re.fullmatch(r"[\d\s-]+", text) and not re.search(r"\d\s+\d", text):
        return text  # dates, periods and ids joined by hyphens: 2021-04-01, 2019-2021-2023
    return PHONE_WITHHELD


def redact(text: str) -> str:
    """`text` with every e-mail address and phone number replaced by a marker."""
    if text and "@" in text:  # an address has one: most text is spared the search
        text = _EMAIL.sub(EMAIL_WITHHELD, text)
    few = not text or (text.isascii() and sum(map(text.count, "0123456789")) < 8)
    return text if few else _PHONE.sub(_phone, text)  # a phone number has 8 digits or more


def redact_all(value: Any) -> Any:
    """Every string inside `value` (dicts, lists, scalars) passed through `redact`."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: redact_all(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_all(v) for v in value]
    return value


@dataclass(frozen=True)
class Audience:
    """Who reads: the Secretariat, anyone (`shared`), or one party to one match.

    For a party, `states` are the match's requesting States and `decisions` each party's current
    consent decision on that match: they decide when confidential details are released.
    """

    role: Role
    party: str | None = None
    match_id: str | None = None
    states: tuple[str, ...] = ()
    decisions: Mapping[str, Decision] = field(default_factory=dict)

    @classmethod
    def secretariat(cls) -> Audience:
        return cls(Role.SECRETARIAT)

    @classmethod
    def shared(cls) -> Audience:
        return cls(Role.SHARED)

    @classmethod
    def named(cls, name: str) -> Audience:
        """`secretariat` or `shared` by name (the reports' `--audience`)."""
        return cls(Role(name))

    @classmethod
    def for_party(cls, party: str, match: Match, request: Request) -> Audience:
        """`party` (a requesting State's ISO3 code or an offer id) reading `match` now."""
        from acsg_cli.lifecycle.statemachine import current_decisions

        return cls(
            Role.PARTY,
            party.strip().upper(),
            match.id,
            tuple(request.requesting_states),
            current_decisions(match.consents),
        )

    @classmethod
    def before_consent(cls, match_id: str, request: Request) -> Audience:
        """An offering party of a match nobody has consented to yet: the strictest party view,
        used for what is stored in a new match file (every party reads it)."""
        return cls(Role.PARTY, "", match_id, tuple(request.requesting_states), {})

    @property
    def is_secretariat(self) -> bool:
        return self.role is Role.SECRETARIAT

    def owns(self, record: Record) -> bool:
        """Whether `record` is the audience's own (a party's request or offer)."""
        if self.role is not Role.PARTY or not self.party:
            return False
        if record.kind == "request":
            return self.party in getattr(record, "requesting_states", ())
        return record.kind == "offer" and getattr(record, "id", None) == self.party

    def sees_details(self, record: Request | Offer | Practice) -> bool:
        """Whether the confidential details of `record` are released to this audience (a good
        practice has none)."""
        if not getattr(record, "confidential", False) or self.is_secretariat or self.owns(record):
            return True
        if self.role is Role.SHARED:
            return False
        if record.kind == "request":
            return bool(self.states) and all(
                self.decisions.get(s) is Decision.GRANTED for s in self.states
            )
        return self.decisions.get(record.id) is Decision.GRANTED


@dataclass(frozen=True)
class Withheld:
    """Fields of one record left out of a view, and why."""

    record: str
    fields: tuple[str, ...]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"record": self.record, "fields": list(self.fields), "reason": self.reason}


@dataclass(frozen=True)
class Disclosed:
    """A record as one audience may see it (`data`, redacted) and what was left out."""

    data: dict[str, Any]
    withheld: tuple[Withheld, ...]


def hidden_fields(record: Request | Offer | Practice, audience: Audience) -> tuple[str, ...]:
    """The confidential fields of `record` this audience may not see (personal data aside)."""
    if audience.sees_details(record):
        return ()
    if record.kind == "request":
        return tuple(
            name
            for name in type(record).model_fields
            if name not in REQUEST_PUBLIC_WHEN_CONFIDENTIAL
        )
    return OFFER_DETAILS


def may_see(record: Request | Offer, name: str, audience: Audience) -> bool:
    """Whether field `name` of `record` may be shown to `audience`."""
    if name in PERSONAL:
        return False
    if name in SECRETARIAT_ONLY and not audience.is_secretariat:
        return False
    return name not in hidden_fields(record, audience)


def shown_title(record: Request | Offer, audience: Audience) -> str:
    """The record's title fit for this audience, in the language of the run where its
    `translations` give one: redacted, or the withheld placeholder."""
    from acsg_cli.i18n import current
    from acsg_cli.translations import text_in

    if not may_see(record, "title", audience):
        return WITHHELD_TITLE
    return redact(" ".join(str(text_in(record, "title", current())).split()))


def disclose(
    record: Request | Offer | Practice, audience: Audience, *, with_contact: bool = False
) -> Disclosed:
    """`record` as `audience` may see it: the keys its file sets, minus what is withheld, every
    string redacted. `with_contact` (the Secretariat only) keeps the contact block as given."""
    data = record.model_dump(mode="json", by_alias=True, exclude_unset=True)
    withheld: list[Withheld] = []
    contact = data.pop("contact", None)
    if contact is not None:
        if with_contact and audience.is_secretariat:
            data["contact"] = contact
        else:
            withheld.append(Withheld(record.id, ("contact",), "personal contact data is not shown"))
    if not audience.is_secretariat:
        for name in SECRETARIAT_ONLY:
            data.pop(name, None)
    hidden = [name for name in hidden_fields(record, audience) if name in data]
    for name in hidden:
        del data[name]
    if hidden:
        withheld.append(Withheld(record.id, tuple(hidden), _why(record, audience)))
    if hidden and "history" in data:  # who moved its status and why are details too
        data["history"] = [{"on": e["on"], "status": e["status"]} for e in data["history"]]
    _strip_translations(data, hidden_fields(record, audience))
    kept = data.pop("contact", None)
    data = redact_all(data)
    if kept is not None:
        data["contact"] = kept
    return Disclosed(data, tuple(withheld))


def _why(record: Request | Offer | Practice, audience: Audience) -> str:
    if audience.role is Role.SHARED:
        return f"{record.id} is a confidential {record.kind}: its details are not shared (FS 3)"
    if record.kind == "request":
        missing = [
            f"{s} ({d.value if (d := audience.decisions.get(s)) else 'pending'})"
            for s in audience.states
            if audience.decisions.get(s) is not Decision.GRANTED
        ]
        return (
            f"{record.id} is confidential: its details go to {audience.party or 'the other side'} "
            f"once {_and(list(audience.states))} "
            f"{'has' if len(audience.states) == 1 else 'have'} granted consent to "
            f"{audience.match_id} (FS 3); still to consent: {', '.join(missing)}"
        )
    decision = audience.decisions.get(record.id)
    return (
        f"{record.id} is confidential: its details go to {audience.party or 'the other side'} "
        f"once it has granted consent to {audience.match_id} (FS 3); its decision: "
        f"{decision.value if decision else 'pending'}"
    )


def reason_visible(
    signal: str, request: Request, offers: Iterable[Offer], audience: Audience
) -> bool:
    """Whether the reason a score signal gives may be shown: every field it derives from is."""
    sources = SIGNAL_SOURCES.get(signal)
    if sources is None:
        return audience.is_secretariat
    request_fields, offer_fields = sources
    return all(may_see(request, f, audience) for f in request_fields) and all(
        may_see(o, f, audience) for o in offers for f in offer_fields
    )


def rationale_visible(
    match: Match, request: Request, offers: Iterable[Offer], audience: Audience
) -> bool:
    """Whether a match's stored rationale and score reasons may be shown.

    A rationale is text derived from both records, written before anyone consented: it goes
    only to audiences that see every confidential detail of the request and of the offers."""
    return audience.sees_details(request) and all(audience.sees_details(o) for o in offers)


def _strip_translations(data: dict[str, Any], hidden: Iterable[str]) -> None:
    """A withheld field is withheld in every language too (`translations`)."""
    names = set(hidden)
    translations = data.get("translations")
    if not names or not isinstance(translations, dict):
        return
    for lang in list(translations):
        kept = {k: v for k, v in translations[lang].items() if k not in names}
        if kept:
            translations[lang] = kept
        else:
            del translations[lang]
    if not translations:
        del data["translations"]


def disclose_match(
    match: Match, request: Request | None, offers: Iterable[Offer], audience: Audience
) -> Disclosed:
    """`match` as `audience` may see it: the rationale only where `rationale_visible`, consent
    record-keeping and waivers for the Secretariat alone, every string redacted."""
    data = match.model_dump(mode="json", by_alias=True, exclude_unset=True)
    withheld: list[str] = []
    if not audience.is_secretariat:
        for name in SECRETARIAT_ONLY:
            data.pop(name, None)
        for consent in data.get("consents", []):
            for name in MATCH_CONSENT_PRIVATE:
                consent.pop(name, None)
    offers = list(offers)
    if request is None or not rationale_visible(match, request, offers, audience):
        withheld += [name for name in ("rationale",) if data.pop(name, None) is not None]
        _strip_translations(data, ("rationale",))
    found = (
        (Withheld(match.id, tuple(withheld), "derived from confidential details (FS 3)"),)
        if withheld
        else ()
    )
    return Disclosed(redact_all(data), found)


def _and(items: list[str]) -> str:
    if not items:
        return "the requesting States"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


__all__ = [
    "EMAIL_WITHHELD",
    "OFFER_DETAILS",
    "PERSONAL",
    "PHONE_WITHHELD",
    "WITHHELD_TITLE",
    "Audience",
    "Disclosed",
    "Role",
    "Withheld",
    "disclose",
    "disclose_match",
    "hidden_fields",
    "may_see",
    "rationale_visible",
    "reason_visible",
    "redact",
    "redact_all",
    "shown_title",
]
