"""The search plan for an episode: candidate places from everything known (knowledge.py), ranked
and drawn around the last-seen point with the distance rings for the child's age (search.py)."""

from __future__ import annotations

from vigil.missing import search
from vigil.missing.knowledge import candidate_places, knowledge_for
from vigil.missing.search_data import table_for_age


def search_plan(episode, user, *, max_places: int = 20) -> dict:
    k = knowledge_for(episode.person, user, exclude=episode)
    table = table_for_age(episode.age_at_report)
    origin = episode.origin
    previous_found = sum(1 for ep in k.previous if ep.found_at is not None)
    ranked = search.rank_places(candidate_places(k), table=table, origin=origin, episodes=previous_found)
    plan = search.plan(origin, table, ranked, max_places=max_places) if origin is not None else None
    return {
        "k": k,
        "table": table,
        "ranked": ranked[:max_places],
        "ranked_total": len(ranked),
        "plan": plan,
        "origin": origin,
        "ring_rows": [(pct, km) for pct, km in table.rings],
    }
