"""The room's clock: with a timebox (`assess run --timebox 90m`, or `timebox:` in the file) it
keeps the minutes spent on each touchpoint, paces the room (minutes left for each touchpoint
still to do) and says, gently and once per touchpoint, when the room is behind. Pure apart from
reading the time, which a test can give."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from assess.i18n import _

#: A touchpoint that took this many times its share of the time left is "behind".
BEHIND = 1.0
#: Time on a touchpoint shorter than this (in minutes) is not worth a write to the file.
WORTH_SAVING = 0.05


@dataclass(frozen=True)
class Pace:
    """How the room stands against its timebox."""

    left: float  # minutes left (negative: over)
    each: float | None  # minutes for each touchpoint still to do (None: none left)

    def words(self) -> str:
        """'41 min left', or '5 min over'."""
        if self.left < 0:
            return _("%(minutes)s min over") % {"minutes": round(-self.left)}
        return _("%(minutes)s min left") % {"minutes": round(self.left)}


def pace(timebox: int, used: float, to_do: int) -> Pace:
    """Minutes left of `timebox` after `used`, shared among `to_do` touchpoints."""
    left = timebox - used
    return Pace(left, max(left, 0) / to_do if to_do else None)


class Clock:
    """Minutes spent on the touchpoint the room is on. `now` gives seconds (a test's clock)."""

    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self.now = now
        self.key: str | None = None
        self.started = 0.0
        #: The touchpoint's share of the time left when the room came to it.
        self.share: float | None = None
        self.warned = False

    def enter(self, key: str, share: float | None) -> None:
        self.key, self.started, self.share, self.warned = key, self.now(), share, False

    def running(self) -> float:
        """Minutes on the current touchpoint so far."""
        return (self.now() - self.started) / 60 if self.key is not None else 0.0

    def leave(self) -> tuple[str, float] | None:
        """The touchpoint left and the minutes spent on it; None when on none."""
        if self.key is None:
            return None
        spent = (self.key, self.running())
        self.key = None
        return spent

    def over(self) -> bool:
        """Whether the current touchpoint has taken more than its share of the time left."""
        if self.key is None or self.share is None:
            return False
        spent = self.running()
        return spent > self.share * BEHIND and spent >= 1

    def behind(self) -> str | None:
        """A gentle word, once per touchpoint, when it has taken more than its share."""
        if self.warned or not self.over() or self.share is None:
            return None
        spent = self.running()
        self.warned = True
        return _(
            "Behind time: %(spent)s min on this touchpoint, about %(planned)s planned. The room "
            "can park what is left (p, after the verdict) and go on."
        ) % {"spent": round(spent), "planned": round(self.share)}
