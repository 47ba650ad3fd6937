"""The file format: the records a data folder holds (pydantic models), their dates,
statuses, ids and facts, and the validation that turns a bad value into a problem at its
line."""
