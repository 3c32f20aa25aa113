"""The thresholds the item-writing rules enforce, in one place (the README's table gives the same)."""

#: Largest share of single-choice keys one position may hold (or the least the count allows).
MAX_POSITION_SHARE = 0.35
#: Each position holds at least this fraction of its fair share (1/option count) of the keys.
MIN_POSITION_SHARE = 0.5
#: Band for the share of true/false questions keyed "true" (or the nearest the count allows).
TRUE_SHARE_BAND = (0.40, 0.60)
#: Largest share of single-choice questions whose key is strictly the longest (or shortest) option.
MAX_LONGEST_KEY_SHARE = 0.30
#: In a single-choice question with a scenario, the key may be at most this times its longest distractor.
MAX_SCENARIO_KEY_RATIO = 1.3
#: Largest score of the :class:`WordGuesser` on single-choice and on true/false questions.
MAX_GUESSER_SINGLE = 0.45
MAX_GUESSER_TRUEFALSE = 0.60
#: Smallest share of application questions in the bank.
MIN_APPLICATION_SHARE = 0.50
