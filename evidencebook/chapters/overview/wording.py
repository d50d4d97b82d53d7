"""The programme chapter's passages of text, written from the pack's figures (authority
names as the pack gives them, escaped; a withheld count, and every figure worked out from
one, written "c")."""

from __future__ import annotations

import pandas as pd

from evidencebook.analysis import series
from evidencebook.analysis.common import in_place, join_words, possessive, records, the
from evidencebook.analysis.pack import not_available
from evidencebook.chapters.overview.model import demand_range
from evidencebook.chapters.trends import wording as trends_wording


def demand_glance_text(rise: pd.DataFrame, like: pd.DataFrame | None = None) -> str:
    """The 'at a glance' bullet on the change in Children in Need: the sentence the demand
    trends chapter gives too (:func:`~evidencebook.chapters.trends.wording.cin_glance_text`)."""
    if rise.empty:
        return "- The data pack has no Children in Need counts to show how demand changed."
    like = like if like is not None else rise.head(0)
    return "- " + trends_wording.cin_glance_text(rise, like)


def demand_text(rise: pd.DataFrame, stated: str) -> str:
    """The bullet on rising statutory demand: what the report's range is, and the changes
    the pack's Children in Need counts give (each with its period). Where a count the range
    needs is withheld, so is the report's range (with the report's counts in the pack it
    would give the count away)."""
    low, high = demand_range(rise) if len(rise) else (None, None)
    if len(rise) and not_available(low):
        size = (
            "The report gives a size for it, over the main months of the programme compared "
            "with March 2015, when the bid was being drawn up (withheld here, c, as it would "
            "give away a withheld count)."
        )
    else:
        size = (
            f"The report puts the rise at {stated}% on average over the main months of the "
            "programme, compared with March 2015, when the bid was being drawn up, and says "
            "the rise was more marked in some locality teams than others. It gives no counts "
            "by locality team, so the range cannot be recomputed; its two ends are the "
            "changes its Tables 9 and 18 print for the two authorities, one to September 2016 "
            "and the other to July 2016, periods of different lengths."
        )
    text = (
        "- *Rising statutory demand.* More children and young people needed a Child in Need or "
        f"Child Protection Plan. {size}"
    )
    if rise.empty:
        return text + " The data pack has no Children in Need counts to compare with it."
    moves = [
        f"{series.pct_text(r['change_pct'])} {in_place(r['authority'])} "
        f"({r['from']} to {r['to']}, {r['months']} months)"
        for r in records(rise)
    ]
    text += (
        f" From the pack's Children in Need counts, over the demand period this book uses, "
        f"the change was {join_words(moves)}"
    )
    return text + ". The demand trends chapter gives the same figures and shows every count."


def population_text(population: pd.Series) -> str:
    """The authorities' populations, and how many times larger the largest is."""
    known = population.dropna()
    if known.empty:
        return "The data pack gives no population for its authorities."
    parts = [f"{the(str(a))} has about {int(n):,} people" for a, n in known.items()]
    text = "; ".join(parts)
    text = text[:1].upper() + text[1:] + "."
    if len(known) > 1:
        big, small = known.idxmax(), known.idxmin()
        text += (
            f" {possessive(str(big))[:1].upper()}{possessive(str(big))[1:]} population is about "
            f"{known[big] / known[small]:.1f} times as large as {possessive(str(small))}."
        )
    return text
