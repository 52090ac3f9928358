"""What the phone's script writes, in the room's language: marked here for the catalogs and
handed to the page as data (the page's own HTML is translated in its template). A word with
placeholders names them as the catalogs do (``%(voted)s``); the script fills them."""

from __future__ import annotations

from assess.i18n import N_, _

#: The script's words, by the name the script knows them by.
WORDS = {
    "offline": N_("No connection to the facilitator's laptop. Try again."),
    "refused": N_("Sorry, that did not work."),
    "unknown": N_("That name is not on the workshop's list."),
    "full": N_("The room is full."),
    "taken": N_("That name has already joined from another phone."),
    "bad_name": N_("That name cannot be used: try it without special characters."),
    "stale": N_("This page is from an earlier session: scan the new join code."),
    "room_closed": N_("The vote is over."),
    "pick": N_("Pick your name to join"),
    "voted": N_("%(voted)s of %(joined)s voted"),
    "revealed_none": N_("Revealed · no values given"),
    "revealed": N_("Revealed · median %(median)s"),
    "spread": N_("spread %(spread)s"),
    "split": N_("Split: talk it through, then vote again"),
    "shown": N_("Everyone's vote is shown above"),
    "counted": N_("Vote counted, waiting for the room"),
    "tap": N_("Tap your answer"),
    "in_as": N_("You are in as %(name)s"),
    "joined": N_("%(joined)s joined"),
    "no_values": N_("No values given"),
    "median": N_("Median %(median)s"),
    "sending": N_("Sending…"),
    "not_sent": N_("Not sent: no connection"),
    "again": N_("Tap your answer again"),
    "closed": N_("That question has closed"),
    "moment": N_("One moment…"),
}


def page_words() -> dict[str, str]:
    """The script's words in the current language."""
    return {name: _(message) for name, message in WORDS.items()}
