"""The quarterly summary as a markdown document for the partnership board.

GitHub-flavoured markdown that also converts cleanly with pandoc: ATX headings, pipe
tables, and every piece of text from the data escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..queries.findings import WORDING, Finding, Kind, Reason
from ..queries.recorded import Recorded
from ..queries.summary import Counts, Summary, latest_update
from ..queries.views import Rag
from ..records.models import Response
from ..wording import human_date
from .markdown import escape, table

MARKER = "<!-- Written by lcspr summary. lcspr summary --output may overwrite this file. -->"
"""The first line of every summary: lcspr overwrites only files that start with it."""


def _day(day: date | None) -> str:
    return human_date(day, short=False)


def render_summary(summary: Summary, recorded: Recorded | None = None) -> str:
    """The summary; `recorded`, the commit it was made from, when made as recorded. A
    summary made as of a day before its quarter's end says it is progress so far."""
    q = summary.quarter
    reviews = ", ".join(f"{escape(r.title)} ({r.id})" for r in summary.reviews) or "none"
    opening, closing = _basis(summary, recorded)
    parts = [
        MARKER,
        "",
        f"# Progress on review recommendations: {q} ({_day(q.start)} to {_day(q.end)})",
        "",
        f"{opening} Reviews covered: {reviews}.",
        "",
        _headline(summary),
        _section("Overdue", _overdue(summary.findings(Kind.OVERDUE))),
        _section("Unowned", _unowned(summary.findings(Kind.UNOWNED))),
        _section("Missing evidence", _missing(summary.findings(Kind.MISSING_EVIDENCE))),
        _section("Completed this quarter", _completed(summary)),
        _section("Assured or closed this quarter", _assured(summary)),
        _section("Target dates revised", _revised(summary)),
        _section("Due next quarter", _due_next(summary)),
        *_sections_if_any(
            ("Not accepted", _not_accepted(summary)),
            ("Measures of success", _measures(summary)),
            ("Actions serving more than one recommendation", _serving(summary)),
        ),
        _progress(summary),
        f"{closing} It holds no personal data: "
        "recommendations and actions are named by their ids, owners by agency, and "
        "evidence by where it is held.",
        "",
    ]
    return "\n".join(parts)


def recorded_words(recorded: Recorded) -> str:
    """As a heading says a report was made as recorded."""
    return f"as recorded on {_day(recorded.day)} (commit {recorded.short})"


def _basis(summary: Summary, recorded: Recorded | None) -> tuple[str, str]:
    """The opening sentence, and the closing one, saying what the summary is made from."""
    day = _day(summary.as_of)
    if recorded is not None:
        words = recorded_words(recorded)
        return (
            f"{words[0].upper()}{words[1:]}: the log as it was committed to git at the end "
            "of that day.",
            f"This summary is {words}.",
        )
    if summary.as_of < summary.quarter.end and summary.as_of >= summary.quarter.start:
        return (
            f"As of {day}: the quarter ends on {_day(summary.quarter.end)}, so this is "
            "progress so far.",
            f"This summary is as of {day}, before the quarter ended.",
        )
    return f"As of {day}.", f"This summary is as of {day}."


def _section(heading: str, body: str | None) -> str:
    return f"## {heading}\n\n{body or 'None.'}\n"


def _sections_if_any(*sections: tuple[str, str | None]) -> list[str]:
    """Sections for what only some reviews have: left out when empty."""
    return [_section(heading, body) for heading, body in sections if body]


def _owner_of(owner: str | None) -> str:
    return escape(owner or "(none)")


def _change(now: int, before: int) -> str:
    difference = now - before
    return f"+{difference}" if difference > 0 else str(difference) if difference else "no change"


def _count_table(label: str, now: dict[str, int], before: dict[str, int], summary: Summary) -> str:
    keys = [*now, *(key for key in before if key not in now)]  # a rare row, as Grey
    rows = [
        [
            escape(key.replace("-", " ").capitalize()),
            str(before.get(key, 0)),
            str(now.get(key, 0)),
            _change(now.get(key, 0), before.get(key, 0)),
        ]
        for key in keys
    ]
    rows.append(
        [
            "**Total**",
            str(sum(before.values())),
            str(sum(now.values())),
            _change(sum(now.values()), sum(before.values())),
        ]
    )
    headers = [label, _day(summary.previous.day), _day(summary.counts.day), "Change"]
    return table(headers, rows, right=[1, 2, 3])


def _headline(summary: Summary) -> str:
    now: Counts = summary.counts
    before: Counts = summary.previous
    parts = [
        _count_table(
            "Recommendations by status",
            now.recommendations_by_status,
            before.recommendations_by_status,
            summary,
        ),
        _count_table(
            "Recommendations by RAG",
            now.recommendations_by_rag,
            before.recommendations_by_rag,
            summary,
        ),
        _count_table("Actions by status", now.actions_by_status, before.actions_by_status, summary),
    ]
    note = (
        f"Compared with the end of the previous quarter ({_day(before.day)}). RAG is "
        "worked out from dates, owners and evidence: Red is overdue or unowned, Amber is "
        "due soon, without evidence or without a recent update, Blue is assured or closed."
    )
    if Rag.GREY.value in {*now.recommendations_by_rag, *before.recommendations_by_rag}:
        note += (
            " Grey is not the partnership's to deliver: a recommendation not accepted, or one "
            "addressed to a body outside the partnership, which it monitors."
        )
    return "## Headline\n\n" + "\n\n".join([*parts, note]) + "\n"


def _owner(finding: Finding) -> str:
    return escape(finding.item.owner or "(none)")


def _overdue(found: Sequence[Finding]) -> str | None:
    if not found:
        return None
    return table(
        ["ID", "Owner", "Due", "Days overdue"],
        [[f.item.id, _owner(f), _day(f.item.due), str(f.days_overdue)] for f in found],
        right=[3],
    )


def _unowned(found: Sequence[Finding]) -> str | None:
    if not found:
        return None
    return table(
        ["ID", "Owner", "Reason", "Successor agencies"],
        [
            [
                f.item.id,
                _owner(f),
                WORDING[f.reason or Reason.NO_OWNER].board,
                escape(", ".join(f.successors)),
            ]
            for f in found
        ],
    )


def _missing(found: Sequence[Finding]) -> str | None:
    if not found:
        return None
    return table(
        ["ID", "Owner", "What is missing"],
        [
            [
                f.item.id,
                _owner(f),
                WORDING[f.reason or Reason.NO_EVIDENCE].board
                + (f": {escape(f.evidence)}" if f.evidence else ""),
            ]
            for f in found
        ],
    )


def _completed(summary: Summary) -> str | None:
    done = summary.completed
    if not done:
        return None
    rows = []
    for view in done:
        action = view.action
        evidence = "; ".join(
            escape(f"{e.title} ({e.path or e.url or 'held by ' + str(e.held_by)})")
            for e in action.evidence
        )
        rows.append(
            [
                view.item.id,
                escape(view.item.owner or "(none)"),
                _day(action.completed_on),
                evidence or "**none**",
            ]
        )
    return table(["ID", "Owner", "Completed", "Evidence"], rows)


def _assured(summary: Summary) -> str | None:
    events = summary.assured_or_closed
    if not events:
        return None
    rows = []
    for event in events:
        assurance = event.view.recommendation.assurance
        by = escape(assurance.by) if assurance and event.what == "assured" else ""
        rows.append(
            [event.view.item.id, escape(event.view.item.title), event.what, _day(event.day), by]
        )
    return table(["ID", "Title", "Event", "Date", "Accepted by"], rows)


def _revised(summary: Summary) -> str | None:
    revised = summary.revised
    if not revised:
        return None
    rows = []
    for entry in revised:
        change = entry.change
        agreed = f"agreed {_day(change.agreed)}" if change.agreed else ""
        agreed = agreed or (f"recorded {_day(entry.recorded)}" if entry.recorded else "")
        agreed += f" by {change.by}" if change.by else ""
        reason = f"{change.reason or ''} ({agreed})" if agreed else change.reason or ""
        rows.append(
            [
                entry.item.id,
                _owner_of(entry.item.owner),
                _day(entry.before),
                _day(change.due),
                escape(reason),
            ]
        )
    return table(["ID", "Owner", "Original date", "Revised date", "Reason"], rows)


def _not_accepted(summary: Summary) -> str | None:
    views = summary.not_accepted
    if not views:
        return None
    rows = [
        [v.item.id, escape(v.item.title), escape(_note(v.recommendation.response))] for v in views
    ]
    return table(["ID", "Recommendation", "Why not"], rows)


def _note(response: Response | None) -> str:
    return response.note or "" if response else ""


def _measures(summary: Summary) -> str | None:
    rows = [
        [
            v.item.id,
            escape(m.measure),
            escape(m.target or ""),
            _day(m.by),
        ]
        for v in summary.measures
        for m in v.recommendation.measures
    ]
    return table(["ID", "Measure", "Target", "By"], rows) if rows else None


def _serving(summary: Summary) -> str | None:
    rows = [
        [v.item.id, a.item.id, escape(a.action.action)]
        for v in summary.serving
        for a in v.served_by
    ]
    return table(["Recommendation", "Also served by", "Action"], rows) if rows else None


def _due_next(summary: Summary) -> str | None:
    items = summary.due_next_quarter
    upcoming = summary.quarter.next
    if not items:
        return f"Nothing falls due in {upcoming} ({_day(upcoming.start)} to {_day(upcoming.end)})."
    return f"In {upcoming} ({_day(upcoming.start)} to {_day(upcoming.end)}):\n\n" + table(
        ["ID", "Owner", "Due", "What"],
        [
            [item.id, escape(item.owner or "(none)"), _day(item.due), escape(item.title)]
            for item in items
        ],
    )


def _progress(summary: Summary) -> str:
    sections = ["## Progress by recommendation", ""]
    groups = summary.by_review()
    if not groups:
        sections += ["None.", ""]
    for review, views in groups:
        sections += [f"### {escape(review.title)} ({review.id})", ""]
        if not views:
            sections += ["None.", ""]
            continue
        rows = []
        for view in views:
            update = latest_update(view)
            latest = f"{_day(update.date)}: {escape(update.note)}" if update else "none recorded"
            rows.append(
                [
                    escape(view.recommendation.number),
                    escape(view.item.title),
                    escape(view.item.owner or "(none)"),
                    view.status,
                    view.rag.value.capitalize(),
                    f"{view.actions_complete}/{len(view.counted_actions)}",
                    latest,
                ]
            )
        sections.append(
            table(
                [
                    "No.",
                    "Recommendation",
                    "Owner",
                    "Status",
                    "RAG",
                    "Actions done",
                    "Latest update",
                ],
                rows,
                right=[5],
            )
        )
        sections.append("")
    return "\n".join(sections)
