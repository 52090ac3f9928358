"""What changed in each journey since the last portfolio, in words a board reads: a line for
the company, a row per journey (its verdicts then and now, the touchpoints whose verdict moved,
its expected worth a year then and now) and the journeys added and dropped. Pure: a comparison
in, sentences and cells out, numbers in the portfolio's locale."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assess.files.output import VERDICT_MARKS
from assess.files.rounded import money_about
from assess.i18n import _, ngettext
from assess.method.words import quoted
from assess.models import UNSCORED, VERDICTS
from assess.report.words import verdict_labels
from assess.team.portfolio import Journey, Portfolio
from assess.team.since import Since, verdicts, worth


@dataclass(frozen=True)
class SinceRow:
    journey: Journey
    renamed: str  # the title it had, where it was matched by its file
    then: str
    now: str
    moved: list[str]
    worth: str


def mix(counts: Mapping[str, int]) -> str:
    """A verdict mix in a few characters: '3 ● 2 ◆ 1 ▲' (and '1 ○' not yet assessed)."""
    shown = [f"{counts[v]}\u00a0{VERDICT_MARKS[v]}" for v in VERDICTS]
    if counts.get(UNSCORED):
        shown.append(f"{counts[UNSCORED]}\u00a0{VERDICT_MARKS[UNSCORED]}")
    return " ".join(shown)


def _worth(amount: float | None, currency: str | None, locale: str) -> str:
    if amount is None or currency is None:
        return _("not priced")
    return money_about(amount, currency, locale)


def _then_now(old: float | None, new: float | None, currency: str | None, locale: str) -> str:
    if old == new:
        return _("unchanged, %(worth)s") % {"worth": _worth(new, currency, locale)}
    return _("%(then)s then, %(now)s now") % {
        "then": _worth(old, currency, locale),
        "now": _worth(new, currency, locale),
    }


def rows(s: Since, portfolio: Portfolio) -> list[SinceRow]:
    labels = verdict_labels()
    found = []
    for c in s.journeys:
        moved = [
            _("%(name)s: %(from)s to %(to)s")
            % {
                "name": quoted(m.name),
                "from": labels[m.old.recommendation].lower(),
                "to": labels[m.new.recommendation].lower(),
            }
            for m in c.comparison.moved
        ]
        total = c.comparison.total
        found.append(
            SinceRow(
                journey=c.new,
                renamed=c.old.title if c.old.title != c.new.title else "",
                then=mix(verdicts([c.old])),
                now=mix(verdicts([c.new])),
                moved=moved,
                worth=_then_now(
                    total.old if total else None,
                    total.new if total else None,
                    s.currency,
                    portfolio.locale,
                ),
            )
        )
    return found


def lead(s: Since, portfolio: Portfolio) -> str:
    """The company's change in a sentence or two."""
    moved = sum(len(c.comparison.moved) for c in s.journeys)
    now = [c.new for c in s.journeys] + list(s.added)
    text = ngettext(
        "The last portfolio had %(n)s journey.",
        "The last portfolio had %(n)s journeys.",
        len(s.old),
    ) % {"n": len(s.old)}
    if moved:
        text += " " + ngettext(
            "Since then %(n)s verdict has moved.", "Since then %(n)s verdicts have moved.", moved
        ) % {"n": moved}
    else:
        text += " " + _("Since then no verdict has moved.")
    before, after = worth(list(s.old)), worth(now)
    if before is not None or after is not None:
        text += " " + _(
            "Expected worth a year of the priced journeys: %(then)s then, %(now)s now."
        ) % {
            "then": _worth(before, s.currency, portfolio.locale),
            "now": _worth(after, s.currency, portfolio.locale),
        }
    return text


def context(s: Since | None, portfolio: Portfolio) -> dict[str, object] | None:
    if s is None:
        return None
    return {
        "lead": lead(s, portfolio),
        "rows": rows(s, portfolio),
        "added": [j.title for j in s.added],
        "dropped": [j.title for j in s.dropped],
    }
