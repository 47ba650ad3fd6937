"""Spreadsheets in: a tracker workbook (.xlsx) or CSV file read into rows (`read`), its
headings recognised (`columns`), its cells read as lcspr's values (`values`, `agencies`),
and its rows turned into recommendations with their actions (`tracker`), every problem
naming its sheet and cell. Reading files is I/O, so this is not part of the pure core;
`edit.imported` plans the files, and `render.imported` prints what the import found.
"""
