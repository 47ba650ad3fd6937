"""The spreadsheet's RAG against lcspr's: lcspr never imports a typed RAG (it works the
rating out from dates, owners and evidence), but the import report lists every row where
the two differ, with lcspr's reason: the first thing a board will want to see."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from ..load.dataset import Dataset
from ..queries.report import build_report
from ..records.located import Located
from ..records.models import Agency, Recommendation
from ..sheets.model import RagDifference, Reading


def compare_rags(
    dataset: Dataset,
    today: date,
    reading: Reading,
    records: Mapping[str, Located[Recommendation]],
) -> list[RagDifference]:
    """Each row whose RAG differs from lcspr's on `today`, in sheet order."""
    if not any(found.rags for found in reading.recommendations):
        return []
    agencies = [a.record for a in dataset.agencies]
    agencies += [Agency(id=a.id, name=a.name) for a in reading.new_agencies]
    reviews = [r.record for r in dataset.reviews]
    report = build_report(
        list(records.values()), agencies, today, dataset.evidence_present, reviews=reviews
    )
    views = {view.item.id: view for view in report.recommendations}
    differences: list[RagDifference] = []
    for found in reading.recommendations:
        view = views.get(found.id)
        if view is None:
            continue
        actions = {a.item.id: a for a in view.actions}
        for sheet_rag in found.rags:
            if sheet_rag.path:
                index = int(sheet_rag.path[1])
                rated = actions.get(str(found.data["actions"][index]["id"]))
                if rated is None:
                    continue
                ident, rag, why = rated.item.id, rated.rag.value, rated.why
            else:
                ident, rag, why = found.id, view.rag.value, view.why
            if rag != sheet_rag.rag:
                differences.append(
                    RagDifference(sheet_rag.cell, ident, sheet_rag.rag, rag, "; ".join(why))
                )
    return differences
