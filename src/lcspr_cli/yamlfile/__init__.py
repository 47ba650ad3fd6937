"""Bytes to data and positions: one YAML file read into plain data, with the line and
column of every key and value, and every problem at its line (`read.read_yaml`)."""
