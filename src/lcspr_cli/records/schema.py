"""JSON Schema for the data files, generated from the models, for editors.

With the schema named in a file's first line (`# yaml-language-server: $schema=...`),
VS Code and other editors with the YAML language server complete field names and flag
typos and wrong values while the file is typed. `lcspr check` remains the authority:
the schema cannot express the rules across records.
"""

from __future__ import annotations

import json

from .models import AgenciesFile, Recommendation, Record, ReviewsFile
from .pydantic_models import model_of

SCHEMAS: dict[str, type[Record]] = {
    "lcspr-recommendation.schema.json": Recommendation,
    "lcspr-agencies.schema.json": AgenciesFile,
    "lcspr-reviews.schema.json": ReviewsFile,
}


def json_schemas() -> dict[str, str]:
    """Each schema file's name and text."""
    texts = {}
    for name, model in SCHEMAS.items():
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **model_of(model).model_json_schema(by_alias=True),
        }
        texts[name] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return texts
