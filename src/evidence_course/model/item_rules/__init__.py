"""Item-writing rules: checks that a learner who only plays the test (longest option, the summary's
words, a favourite letter, a cue word) cannot pass, run on the real bank by ``make test``.

The rules are the mechanically checkable part of the 31 multiple-choice item-writing guidelines in
Haladyna, T. M., Downing, S. M. & Rodriguez, M. C. (2002), "A review of multiple-choice item-writing
guidelines for classroom assessment", *Applied Measurement in Education* 15(3), 309-334. Each
:class:`Rule` names the guideline it rests on (numbers as in the paper's table):

=====================  ==========  ===========================================================
rule                   guideline   what is checked
=====================  ==========  ===========================================================
key-position           20          single choice: no position holds more than 35 % of the keys,
                                   or less than half its fair share (per option count);
                                   true/false: 40-60 % of keys are "true"
option-length          24, 28d     single choice: the key is strictly the longest option in at
                                   most 30 % of questions (and strictly the shortest in at most
                                   30 %); a scenario's key is at most 1.3x its longest distractor
multiple-keys          20          "select all that apply": the number of keys varies, and no
                                   position (from the start or from the end) is keyed every time
all-none-above         25, 26      no "all of the above" / "none of the above"
cue-words              28a         no absolute (always, never, only ...) that only wrong answers carry
option-by-letter       (shuffle)   no text refers to an option by letter or place ("option b",
                                   "(c)", "the answer above"): options are shuffled per learner
summary-wording        3, 28b      a guesser matching the summary's words scores at most 45 %
                                   on single choice and 60 % on true/false (:class:`WordGuesser`),
                                   and so does one avoiding them
level                  3           at least half the questions are ``level: application``; a
                                   question with a scenario is an application question
=====================  ==========  ===========================================================

Definitions (also in the README's quiz-authoring section):

* **Length** of an option: characters of its plain text (:func:`plain_text`: Markdown links, emphasis
  and code marks removed, runs of white space counted as one space, ends trimmed).
* **Words**: :func:`content_words` lower-cases the text, takes runs of letters a-z (so "don't" gives
  "don" and "t"), keeps those of three or more letters that are not in :data:`STOP_WORDS`, and drops
  one final "s" from words longer than four letters not ending in "ss", "us" or "is" (so "services"
  matches "service").

Every problem is a :class:`CourseDataError` naming the quiz file, the line, ``quiz/question`` and
the fix, like the bank's schema errors. Bank-wide rules (balance, shares) report each question that
contributes to the imbalance, with the bank's figure in the message.

Modules: :mod:`.text` (plain text, words, the summary's text), :mod:`.guesser` (the word-matching
guesser), :mod:`.view` (each question placed in its file; :class:`Rule`), :mod:`.limits` (the
thresholds), :mod:`.balance` and :mod:`.cues` (the checks), :mod:`.rules` (:data:`RULES`,
:func:`check_items`) and :mod:`.figures` (the figures ``make bench`` prints).
"""


from .figures import figures
from .guesser import Guess, WordGuesser
from .limits import (
    MAX_GUESSER_SINGLE,
    MAX_GUESSER_TRUEFALSE,
    MAX_LONGEST_KEY_SHARE,
    MAX_POSITION_SHARE,
    MAX_SCENARIO_KEY_RATIO,
    MIN_APPLICATION_SHARE,
    MIN_POSITION_SHARE,
    TRUE_SHARE_BAND,
)
from .rules import RULES, RULES_BY_ID, check_items, check_view
from .text import STOP_WORDS, content_words, plain_text, source_text, statement_of, text_length, words
from .view import BankView, Placed, Rule, view_of

__all__ = [
    "MAX_GUESSER_SINGLE", "MAX_GUESSER_TRUEFALSE", "MAX_LONGEST_KEY_SHARE", "MAX_POSITION_SHARE",
    "MAX_SCENARIO_KEY_RATIO", "MIN_APPLICATION_SHARE", "MIN_POSITION_SHARE", "RULES", "RULES_BY_ID",
    "STOP_WORDS", "TRUE_SHARE_BAND", "BankView", "Guess", "Placed", "Rule", "WordGuesser", "check_items",
    "check_view", "content_words", "figures", "plain_text", "source_text", "statement_of", "text_length",
    "view_of", "words",
]
