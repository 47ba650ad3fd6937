"""What an officer sends out: work due soon, and what to chase each agency for."""

from __future__ import annotations

from datetime import date

from conftest import REPOSITORY
from lcspr_cli.pipeline import report_folder
from lcspr_cli.queries.reminders import Ask, chase, due_within
from lcspr_cli.queries.report import Report

AS_OF = date(2026, 11, 26)


def leo() -> Report:
    return report_folder(REPOSITORY / "data", AS_OF, AS_OF).report


def test_due_within_lists_open_work_in_the_window_by_who_answers_for_it() -> None:
    found = due_within(leo(), 30)
    assert [r.item.id for r in found] == ["LEO-9.3"]
    [reminder] = found
    assert reminder.accountable == ("cumberland-scp",)
    assert reminder.lead_role == "Partnership Training Coordinator"
    wider = due_within(leo(), 60)
    assert {r.item.id for r in wider} >= {"LEO-9.3", "LEO-7.2", "LEO-5", "LEO-2b.2"}
    assert all(r.item.due is not None and r.item.due >= AS_OF for r in wider)
    assert [r.accountable for r in wider] == sorted(r.accountable for r in wider)


def test_chase_asks_the_successors_of_an_owner_that_has_ended() -> None:
    asks = {c.agency: c.items for c in chase(leo())}
    assert "cumbria-scp" not in asks  # ended: its successors are asked instead
    leo6 = [(ask, r.item.id) for ask, r in asks["westmorland-furness-scp"]]
    assert (Ask.OVERDUE, "LEO-6") in leo6
    kinds = {ask for items in asks.values() for ask, _ in items}
    assert {Ask.OVERDUE, Ask.DUE_SOON, Ask.NO_EVIDENCE} <= kinds


def test_chase_for_one_agency_only() -> None:
    only = chase(leo().filtered(owner="nenc-icb"))
    assert [c.agency for c in only] == ["nenc-icb"]
