"""Error messages show a value read from a user's file safely: short, and with every
control character escaped, so a message can neither flood nor drive the terminal."""

from __future__ import annotations

from evidencebook.exceptions import EXCERPT, Problem, shown


def test_a_short_value_is_shown_as_before():
    assert shown("fifty-two") == "'fifty-two'"
    assert shown(136.0) == "136.0"


def test_control_characters_are_escaped():
    text = shown("\x1b]0;title\x07\x00\x85\u202e\n")
    assert text == r"'\x1b]0;title\x07\x00\x85\u202e\n'"
    assert text.isprintable()


def test_a_long_value_is_cut_with_its_length():
    text = shown("x" * 100_000)
    assert text == repr("x" * EXCERPT) + "… (100,000 characters)"


def test_a_huge_list_is_not_walked_whole():
    text = shown([list(range(10_000))] * 10_000)
    assert len(text) <= EXCERPT + 1


def test_problem_escapes_value_and_column():
    problem = Problem("a.csv", 2, "na\x1bme", "\x1b[2J" + "y" * 500, "a number")
    text = str(problem)
    assert text.isprintable()
    assert len(text) < 200
    assert r"column 'na\x1bme'" in text
