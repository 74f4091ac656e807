"""One page per request, offer, match and good practice, from the record's shared view."""

from __future__ import annotations

from acsg_cli.models import Match, Offer, Practice, Request
from acsg_cli.site import views
from acsg_cli.site.pages import Context, sorted_cards


def _languages(codes: list[str] | None) -> str:
    return ", ".join(views.language_name(c) for c in codes or [])


def _match_ids(ctx: Context, matches: list[Match]) -> list[str]:
    return [m.id for m in matches]


def _pledges(v: dict[str, object]) -> list[str]:
    found = v.get("grf_pledge_ids")
    return [str(p) for p in found] if isinstance(found, list) else []


def request_page(ctx: Context, request: Request) -> str:
    v = ctx.view(request.id)
    states = v["requesting_states"]
    match_ids = _match_ids(ctx, ctx.registry.matches_for_request(request.id))
    return ctx.page(
        "request.html.j2",
        f"requests/{request.id}.html",
        title=f"{ctx.cards[request.id].heading} · {request.id}",
        heading=ctx.cards[request.id].heading,
        v=v,
        confidential=request.confidential,
        states=", ".join(views.country_name(s) for s in states),
        regions=views.regions_of(states),
        languages=_languages(v.get("languages")),
        matches=sorted_cards(ctx, match_ids),
        practices=ctx.related_practices(match_ids, _pledges(v)),
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
    matches = ctx.offer_matches().get(offer.id, [])
    return ctx.page(
        "offer.html.j2",
        f"offers/{offer.id}.html",
        title=f"{ctx.cards[offer.id].heading} · {offer.id}",
        heading=ctx.cards[offer.id].heading,
        v=v,
        confidential=offer.confidential,
        country=views.country_name(country) if country else "",
        scope=_scope(ctx, v),
        regions=views.offer_regions(offer),
        languages=_languages(v.get("languages")),
        in_response_to=ctx.cards.get(answered) if isinstance(answered, str) else None,
        matches=sorted_cards(ctx, matches),
        practices=ctx.related_practices(matches, _pledges(v)),
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
        v=v,
        countries=", ".join(views.country_name(c) for c in practice.countries),
        regions=card.regions,
        shared_by=shared_by,
        resources=resources,
        languages=_languages(v.get("languages")),
        matches=sorted_cards(ctx, [m for m in practice.matches if m in ctx.cards]),
    )
