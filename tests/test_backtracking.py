"""No rule backtracks catastrophically: pathological texts are read in time.

Long runs of digits, dots, spaces, pipes and newlines, and every indicator's own example sentence
repeated without a stop (its trigger words a thousand times), each in an article of 64 KB. A
regular expression that backtracks catastrophically takes minutes or more on such a run; the
articles here must all be read well within a time limit of 10 s each (they take well under a
second). Found by this fuzzing and fixed: a figure's clause and its status words were read back to
the start of its sentence, once per figure, so a 4 MB "sentence" of figures took hours
(extract.REACH and QUALIFIER_REACH, resolve.within_reach and start_of_clause).
"""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.build import process_document
from pipeline.ingest import make_document
from pipeline.rules import load_rules

SECONDS = 10.0
SIZE = 64_000
HEAD = "UBND huyện Yên Thành báo cáo kinh tế - xã hội năm 2023.\nTổng thu ngân sách đạt "
RUNS = {
    "digits": "1234567890", "spaced digits": "1 2 3 4 5 6 7 8 9 0 ", "thousands dots": "1.000.", "dots": ".",
    "decimal commas": "1,5,", "spaces": " ", "no-break spaces": "\u00a0", "tabs": "\t", "pipes": "| ",
    "pipes and newlines": "|\n", "newlines": "\n", "percents": "5% ", "parentheses": "(12,5 ", "ellipses": "...",
    "years": "năm 2020 ", "quarters": "quý I/2020 ", "months": "6 tháng ", "dashes": "2020-", "ranges": "12-15 ",
    "slashes": "1/", "colons": "1: ", "a table row": "| Thu ngân sách | 12,5 | 13,2 | 105 |\n", "cells": "12,5\n", "heads": "6 tháng\n",
    "capitals": "TỔNG THU NGÂN SÁCH ", "places": "xã Tân Lập, huyện ",
}


def read_in_time(body: str) -> str:
    document = make_document("fuzz.txt", HEAD + (body * (SIZE // max(1, len(body)) + 1))[:SIZE] + "\n")
    return process_document(document, load_rules(), seconds=SECONDS).document_row["status"]


@pytest.mark.parametrize("run", RUNS.values(), ids=RUNS.keys())
def test_long_runs_of_one_thing_are_read_in_time(run):
    assert read_in_time(run) in ("ok", "no_indicators")


def _unstopped(sentence: str) -> str:
    return re.sub(r"[.;!?\n]", " ", sentence) + " "


EXAMPLES = {rule.code: _unstopped(rule.corpus["positive"][0]["sentence"]) for rule in load_rules().rules}


@pytest.mark.parametrize("sentence", EXAMPLES.values(), ids=EXAMPLES.keys())
def test_each_indicators_example_repeated_without_a_stop_is_read_in_time(sentence):
    assert read_in_time(sentence) == "ok"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(list(RUNS.values()) + list(EXAMPLES.values())), min_size=2, max_size=6))
def test_mixed_runs_are_read_in_time(pieces):
    assert read_in_time("".join(pieces)) in ("ok", "no_indicators")
