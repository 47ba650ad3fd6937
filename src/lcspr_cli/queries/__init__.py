"""Pure questions of the records on a day: the RAG report and its findings, the
quarterly summary, the state on a past day, and financial quarters. No file, no clock."""
