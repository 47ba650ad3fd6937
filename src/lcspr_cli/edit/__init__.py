"""The everyday edits: each plans a minimal change to one file and proves it valid;
`write` is the only writer of user files."""
