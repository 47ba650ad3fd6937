"""Turning results into what people and machines read: text, JSON, annotations."""
