"""The file format: the records a data folder holds (msgspec Structs, with the pydantic
models that check them derived from them), their dates, statuses, ids and facts, and the
validation that turns a bad value into a problem at its line."""
