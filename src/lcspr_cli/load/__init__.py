"""A data folder to records and problems: each file loaded on its own (read, looked
through for personal data, validated), many at once and through the cache, and the
folder as it was at a git revision."""
