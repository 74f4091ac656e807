"""One page per request, offer, match and good practice, from the record's shared view."""

from __future__ import annotations

from acsg_cli.models import Match, Offer, Practice, Request
from acsg_cli.site import views
from acsg_cli.site.pages import Context, sorted_cards


def _languages(codes: list[str] | None) -> str:
    return ", ".join(views.language_name(c) for c in codes or [])


def _pledges(v: dict[str, object]) -> list[str]:
    found = v.get("grf_pledge_ids")
    return [str(p) for p in found] if isinstance(found, list) else []


def _pledge_page(
    ctx: Context, record: Request | Offer, match_ids: list[str], **fields: object
) -> str:
    """A request's or an offer's page: what both show (heading, view, languages, matches and
    related practices) plus the kind's own `fields`."""
    v = ctx.view(record.id)
    heading = ctx.cards[record.id].heading
    return ctx.page(
        f"{record.kind}.html.j2",
        f"{record.kind}s/{record.id}.html",
        title=f"{heading} · {record.id}",
        heading=heading,
        v=v,
        confidential=record.confidential,
        languages=_languages(v.get("languages")),
        matches=sorted_cards(ctx, match_ids),
        practices=ctx.related_practices(match_ids, _pledges(v)),
        **fields,
    )


def request_page(ctx: Context, request: Request) -> str:
    states = ctx.view(request.id)["requesting_states"]
    return _pledge_page(
        ctx,
        request,
        [m.id for m in ctx.registry.matches_for_request(request.id)],
        states=", ".join(views.country_name(s) for s in states),
        regions=views.regions_of(states),
    )


def _scope(ctx: Context, v: dict[str, object]) -> str:
    scope = v["geographic_scope"]
    assert isinstance(scope, dict)
    if scope.get("global"):
        return ctx.gettext("Worldwide")
    if scope.get("regions"):
        return ", ".join(views.region_name(r) for r in scope["regions"])
    return ", ".join(views.country_name(c) for c in scope.get("countries") or [])


def offer_page(ctx: Context, offer: Offer) -> str:
    v = ctx.view(offer.id)
    country = v["offering_entity"].get("country")
    answered = v.get("in_response_to")
    return _pledge_page(
        ctx,
        offer,
        ctx.offer_matches().get(offer.id, []),
        country=views.country_name(country) if country else "",
        scope=_scope(ctx, v),
        regions=views.offer_regions(offer),
        in_response_to=ctx.cards.get(answered) if isinstance(answered, str) else None,
    )


def match_page(ctx: Context, match: Match) -> str:
    v = ctx.view(match.id)
    card = ctx.cards[match.id]
    request = ctx.registry.requests.get(match.request)
    offers = [o for i in match.offers if (o := ctx.registry.offers.get(i))]
    party_ids = [i for i in (match.request, *match.offers) if i in ctx.cards]
    names = {s: views.country_name(s) for s in (request.requesting_states if request else [])}
    names.update({o.id: views.entity_label(o) for o in offers})
    pledges = [str(p) for r in (request, *offers) if r is not None for p in r.grf_pledge_ids]
    return ctx.page(
        "match.html.j2",
        f"matches/{match.id}.html",
        title=f"{card.heading} · {match.id}",
        heading=card.heading,
        v=v,
        areas=card.areas,
        regions=card.regions,
        timeframe=views.timeframe(match),
        parties=[ctx.cards[i] for i in party_ids],
        party_names=names,
        pledges=list(dict.fromkeys(pledges)),
        practices=ctx.related_practices([match.id], pledges),
    )


def practice_page(ctx: Context, practice: Practice) -> str:
    v = ctx.view(practice.id)
    card = ctx.cards[practice.id]
    shared_by = [
        {**entity, "country": views.country_name(c) if (c := entity.get("country")) else ""}
        for entity in v.get("shared_by", [])
    ]
    resources = [
        {**r, "language": views.language_name(r["language"]) if r.get("language") else ""}
        for r in v["resources"]
    ]
    return ctx.page(
        "practice.html.j2",
        card.url,
        title=f"{card.heading} · {practice.id}",
        heading=card.heading,
        heading_lang=card.heading_lang,
        v=v,
        countries=", ".join(views.country_name(c) for c in practice.countries),
        regions=card.regions,
        shared_by=shared_by,
        resources=resources,
        languages=_languages(v.get("languages")),
        matches=sorted_cards(ctx, [m for m in practice.matches if m in ctx.cards]),
    )
