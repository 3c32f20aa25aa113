"""The bank's test-wiseness figures for ``make bench`` and the README."""

from __future__ import annotations

from collections import Counter

from ..bank import Level, QuestionType, Quiz
from .guesser import WordGuesser
from .text import text_length


def figures(bank: dict[str, Quiz], summary: str) -> dict[str, float]:
    """The bank's test-wiseness figures, as shares (0-1) or ratios, for ``make bench`` and the README."""
    questions = [q for quiz in bank.values() for q in quiz.questions]
    singles = [q for q in questions if q.type is QuestionType.SINGLE]
    truefalse = [q for q in questions if q.type is QuestionType.TRUEFALSE]
    guesser = WordGuesser(summary)
    out: dict[str, float] = {}
    right, asked = guesser.score(questions, QuestionType.SINGLE)
    out["guesser_single"] = right / asked if asked else 0.0
    right, asked = guesser.score(questions, QuestionType.TRUEFALSE)
    out["guesser_truefalse"] = right / asked if asked else 0.0
    contrary = WordGuesser(summary, contrary=True)
    right, asked = contrary.score(questions, QuestionType.SINGLE)
    out["contrary_single"] = right / asked if asked else 0.0
    right, asked = contrary.score(questions, QuestionType.TRUEFALSE)
    out["contrary_truefalse"] = right / asked if asked else 0.0
    longest = shortest = 0
    ratios = []
    positions: Counter[int] = Counter()
    for q in singles:
        opts = q.options or []
        key_len = next(text_length(o.text) for o in opts if o.id == q.key)
        others = [text_length(o.text) for o in opts if o.id != q.key]
        longest += key_len > max(others)
        shortest += key_len < min(others)
        if q.scenario:
            ratios.append(key_len / max(others))
        positions[[o.id for o in opts].index(str(q.key))] += 1
    out["longest_key"] = longest / len(singles) if singles else 0.0
    out["shortest_key"] = shortest / len(singles) if singles else 0.0
    out["scenario_key_ratio_max"] = max(ratios, default=0.0)
    out["single_position_max"] = max(positions.values()) / len(singles) if singles else 0.0
    for position in range(max(positions, default=-1) + 1):
        out[f"single_position_{'abcdefgh'[position]}"] = positions[position] / len(singles)
    out["truefalse_true"] = sum(q.key == "true" for q in truefalse) / len(truefalse) if truefalse else 0.0
    out["application"] = sum(q.level is Level.APPLICATION for q in questions) / len(questions) if questions \
        else 0.0
    return out
