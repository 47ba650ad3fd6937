"""`lcspr chase`: for each accountable agency, a markdown section ready to paste into an
email to its lead: what is asked, item by item, in plain words."""

from __future__ import annotations

from collections.abc import Mapping

from ..queries.reminders import ASKS, Ask, Chase, Reminder
from ..queries.report import Report
from ..records.models import Agency
from ..wording import human_date, plural
from .markdown import escape

_HEADINGS = {
    Ask.OVERDUE: "Overdue",
    Ask.DUE_SOON: "Due soon",
    Ask.QUIET: "No update recently",
    Ask.NO_EVIDENCE: "Complete, but without evidence",
}


def render_chase(chases: list[Chase], report: Report) -> str:
    when = human_date(report.as_of, short=False)
    if not chases:
        return f"# Nothing to chase as of {when}\n"
    parts = [f"# What to chase, as of {when}", ""]
    for chase in chases:
        parts += _section(chase, report.agencies, report)
    return "\n".join(parts)


def _section(chase: Chase, agencies: Mapping[str, Agency], report: Report) -> list[str]:
    agency = agencies.get(chase.agency)
    name = f"{agency.name} ({chase.agency})" if agency else chase.agency
    lines = [f"## {escape(name)}", "", f"{plural(len(chase.items), 'item')} to ask about.", ""]
    for ask in Ask:
        items = [reminder for kind, reminder in chase.items if kind is ask]
        if not items:
            continue
        lines += [f"### {_HEADINGS[ask]}: please send {ASKS[ask]}", ""]
        lines += [_line(reminder, report) for reminder in items]
        lines.append("")
    return lines


def _line(reminder: Reminder, report: Report) -> str:
    item = reminder.item
    facts = [f"due {human_date(item.due, short=False)}"] if item.due else ["no due date"]
    if item.due is not None and item.due < report.as_of:
        facts[0] += f", {plural((report.as_of - item.due).days, 'day')} ago"
    if reminder.lead_role:
        facts.append(f"lead: {escape(reminder.lead_role)}")
    return f"- **{item.id}** ({'; '.join(facts)}): {escape(reminder.text)}"
