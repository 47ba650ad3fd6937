"""What changed between two versions of a file, in words (queries/changes.py)."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from lcspr_cli.queries.changes import Change, file_changes, merge_changes, revised_due_recorded
from lcspr_cli.records.models import Agency, Recommendation, Review
from lcspr_cli.records.pydantic_models import validate

REC = "recommendations/TEST/TEST-1.yaml"
BASE: dict[str, Any] = {
    "id": "TEST-1",
    "review": "TEST",
    "number": "1",
    "title": "Early help roles",
    "text": "For the Partnership to receive assurance that agencies know their roles.",
    "owner": "north-council",
    "due": "2025-12-31",
    "status": "in-progress",
    "actions": [
        {
            "id": "TEST-1.1",
            "action": "Publish a statement of early help roles.",
            "owner": "north-council",
            "due": "2025-03-31",
            "status": "in-progress",
        }
    ],
}


@dataclass(frozen=True)
class Version:
    path: str
    records: tuple[Any, ...] | None


def rec(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data


def action(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = copy.deepcopy(BASE["actions"][0])
    data.update(changes)
    return data


def version(data: dict[str, Any] | None, path: str = REC) -> Version:
    return Version(path, None if data is None else (validate(Recommendation, data),))


def words(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[tuple[str, str]]:
    before = None if old is None else version(old)
    after = None if new is None else version(new)
    return [(c.record, c.what) for c in file_changes(before, after)]


def test_status_owner_and_completion() -> None:
    done = action(status="complete", completed_on="2025-03-20")
    assert words(rec(), rec(owner="south-council", actions=[done])) == [
        ("TEST-1", "owner north-council -> south-council"),
        ("TEST-1.1", "status in-progress -> complete (completed 20 Mar 2025)"),
    ]


def test_joint_owners_and_no_owner() -> None:
    joint = rec(owner=["north-council", "test-icb"])
    unowned = rec()
    del unowned["owner"]
    assert words(joint, unowned) == [("TEST-1", "owner north-council, test-icb -> (none)")]


def test_a_revision_gives_the_date_that_counts_and_why() -> None:
    revised = rec(
        revisions=[{"date": "2025-10-01", "due": "2026-06", "reason": "Waiting for the audit"}]
    )
    assert words(rec(), revised) == [
        ("TEST-1", "target date 31 Dec 2025 -> June 2026 (reason: Waiting for the audit)")
    ]


def test_a_long_reason_is_cut_and_the_older_form_has_its_reason() -> None:
    long_reason = "Agreed by the subgroup " + "after a long discussion " * 10
    revised = action(revised_due="2025-06-30", revised_reason=long_reason)
    ((_, what),) = words(rec(), rec(actions=[revised]))
    assert what.startswith("target date 31 Mar 2025 -> 30 Jun 2025 (reason: Agreed by the")
    assert what.endswith("…)") and len(what) < 140


def test_a_target_date_edited_in_place_says_no_revision_was_recorded() -> None:
    assert words(rec(), rec(due="2026-03-31")) == [
        (
            "TEST-1",
            "target date 31 Dec 2025 -> 31 Mar 2026 (changed in place; no revision recorded)",
        )
    ]


def test_evidence_updates_and_actions_added_and_removed() -> None:
    evidence = {"title": "Early help roles statement", "date": "2025-03-20", "held_by": "x"}
    update = {"date": "2025-03-21", "note": "A note that is never repeated."}
    added = action(id="TEST-1.2", action="Survey practitioners.")
    new = rec(actions=[action(evidence=[evidence], updates=[update]), added])
    assert words(rec(), new) == [
        ("TEST-1.1", "evidence added: Early help roles statement"),
        ("TEST-1.1", "update added, dated 21 Mar 2025"),
        ("TEST-1.2", "action TEST-1.2 added"),
    ]
    assert ("TEST-1.2", "action TEST-1.2 removed") in words(new, rec())


def test_free_text_is_named_never_repeated() -> None:
    new = rec(text="A new text with a name in it.", title="New title")
    new["actions"][0]["action"] = "New wording."
    found = words(rec(), new)
    assert found == [
        ("TEST-1", "title changed"),
        ("TEST-1", "text changed"),
        ("TEST-1.1", "action text changed"),
    ]
    assert not any("name in it" in what for _, what in found)
    note = {"date": "2025-03-21", "note": "First"}
    changed = {"date": "2025-03-21", "note": "Second"}
    old, newer = rec(updates=[note]), rec(updates=[changed])
    assert words(old, newer) == [("TEST-1", "update text changed")]


def test_assurance_and_closure() -> None:
    assurance = {"date": "2025-11-01", "by": "Quality subgroup", "evidence": []}
    assured = rec(status="assured", assurance=assurance)
    assert words(rec(), assured) == [
        ("TEST-1", "status in-progress -> assured"),
        ("TEST-1", "assurance recorded, dated 1 Nov 2025, by Quality subgroup"),
    ]
    closed = rec(status="closed", assurance=assurance, closed_on="2025-12-01")
    assert words(assured, closed) == [("TEST-1", "status assured -> closed (closed 1 Dec 2025)")]


def test_files_added_removed_renamed_and_broken() -> None:
    assert words(None, rec()) == [("TEST-1", "recommendation TEST-1 added")]
    assert words(rec(), None) == [("TEST-1", "recommendation TEST-1 removed")]
    moved = file_changes(version(rec()), version(rec(), "recommendations/OLD/TEST-1.yaml"))
    assert [c.what for c in moved] == [f"file renamed: {REC} -> recommendations/OLD/TEST-1.yaml"]
    broken = file_changes(version(rec()), Version(REC, None))
    assert [(c.record, c.aspect) for c in broken] == [("TEST-1", "errors")]
    assert "has errors" in broken[0].what
    mended = file_changes(Version(REC, None), version(rec()))
    assert [c.what for c in mended] == ["errors in the file put right"]


def test_nothing_changed_says_nothing() -> None:
    assert words(rec(), rec()) == []


def test_agencies_and_reviews() -> None:
    def agencies(*records: dict[str, Any]) -> Version:
        return Version("agencies.yaml", tuple(validate(Agency, r) for r in records))

    old = agencies({"id": "cumbria-scp", "name": "Cumbria SCP"})
    new = agencies(
        {"id": "cumbria-scp", "name": "Cumbria SCP", "until": "2025-03-31",
         "replaced_by": ["cumberland-scp"]},
        {"id": "cumberland-scp", "name": "Cumberland SCP", "from": "2025-04-01"},
    )  # fmt: skip
    found = [(c.record, c.what, c.recommendation) for c in file_changes(old, new)]
    assert found == [
        ("cumbria-scp", "last day (none) -> 31 Mar 2025", None),
        ("cumbria-scp", "replaced by (none) -> cumberland-scp", None),
        ("cumberland-scp", "agency cumberland-scp added", None),
    ]
    review = {"id": "TEST", "title": "A review", "kind": "LCSPR", "partnership": "test-scp"}
    themed = {**review, "themes": [{"id": "fathers", "title": "Involving fathers"}]}
    reviews = file_changes(
        Version("reviews.yaml", (validate(Review, review),)),
        Version("reviews.yaml", (validate(Review, themed),)),
    )
    assert [(c.record, c.what) for c in reviews] == [("TEST", "theme fathers added")]


def test_a_merge_lists_only_what_it_changed_itself() -> None:
    base = rec()
    ours = rec(owner="south-council")  # the first parent: main
    theirs = rec(actions=[action(status="complete", completed_on="2025-03-20")])  # a branch
    merged = rec(
        owner="south-council", actions=[action(status="complete", completed_on="2025-03-20")]
    )
    # A clean merge: each change was made on one side, and is listed at its own commit.
    assert merge_changes(version(ours), version(merged), [version(theirs)]) == []
    # A conflict resolved to a third owner: the merge made that change itself.
    resolved = rec(owner="test-icb", actions=merged["actions"])
    clash = rec(owner="old-council", actions=merged["actions"])
    made = merge_changes(version(ours), version(resolved), [version(clash)])
    assert [(c.record, c.what) for c in made] == [
        ("TEST-1", "owner south-council -> test-icb"),
    ]
    assert base == rec()


@pytest.mark.parametrize(
    ("ident", "expected"),
    [("TEST-1", True), ("test-1", True), ("TEST-1.1", True), ("TEST-10", False)],
)
def test_a_change_is_about_its_record_and_its_recommendation(ident: str, expected: bool) -> None:
    change = Change("TEST-1.1", "TEST-1", REC, "status ...", "status")
    assert change.about(ident) is expected


def test_an_older_revised_due_is_dated_by_the_change_that_set_it() -> None:
    first = version(rec(actions=[action(revised_due="2025-06-30", revised_reason="Late")]))
    second = version(rec(actions=[action(revised_due="2025-09-30", revised_reason="Later")]))
    added_with_it = revised_due_recorded([(date(2025, 4, 1), None, first)])
    assert added_with_it == {}  # there when the record was first seen: not dated
    dated = revised_due_recorded(
        [
            (date(2025, 4, 1), None, version(rec())),
            (date(2025, 5, 2), version(rec()), first),
            (date(2025, 8, 9), first, second),
        ]
    )
    assert dated == {"TEST-1.1": (date(2025, 9, 30), date(2025, 8, 9))}
    removed = revised_due_recorded(
        [(date(2025, 5, 2), version(rec()), first), (date(2025, 6, 1), first, version(rec()))]
    )
    assert removed == {}
