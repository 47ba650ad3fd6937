"""Words people read: dates, plurals, hints and the kinds of values."""

from __future__ import annotations

from datetime import date

from lcspr_cli.wording import describe, did_you_mean, human_date, plural


def test_describe_names_kinds_in_plain_words() -> None:
    assert describe(None).startswith("nothing")
    assert describe(True) == "the yes/no value `true`"
    assert describe(3) == "the number `3`"
    assert describe([1]) == "a list"


def test_dates_and_plurals_read_as_in_uk_reports() -> None:
    assert human_date(date(2025, 3, 31)) == "31 Mar 2025"
    assert human_date(date(2025, 3, 31), short=False) == "31 March 2025"
    assert human_date(None) == ""
    assert (plural(1, "day"), plural(2, "day"), plural(0, "day")) == ("1 day", "2 days", "0 days")


def test_did_you_mean_names_a_close_option_only() -> None:
    assert did_you_mean("nwass", ["nwas", "ofsted"]) == "did you mean `nwas`?"
    assert did_you_mean("zzzz", ["nwas", "ofsted"]) == ""
