"""The rule table of the afwegingskader: every combination of answers gives the right outcome, or is refused."""

import itertools

import pytest

from samenveilig.meldcode.afwegingskader import (
    QUESTIONS,
    AnswersNotAllowed,
    Outcome,
    afweging_step,
    allowed_outcomes,
    answered_with_veilig_thuis,
)

JA, NEE, NOG = "ja", "nee", "nog_niet"
EVERY_VALUE = (None, JA, NEE, NOG)


def expected(answers):
    """The afwegingskader written out as plain branches (the specification the table must match), or None when the
    answers do not follow the questions."""
    q1, q2, q3, q4, q5 = answers
    if q1 not in (JA, NEE) or q2 == NOG or q3 == NOG or q4 == NOG:
        return None
    if q1 == NEE:
        return (Outcome.AFSLUITEN,) if (q2, q3, q4, q5) == (None, None, None, None) else None
    if q2 is None:
        return None
    if q2 == JA:  # report; 3-5 optional, answered with Veilig Thuis, still in order
        if q3 is None:
            return (Outcome.MELDEN,) if (q4, q5) == (None, None) else None
        if q3 == NEE:
            return (Outcome.MELDEN,) if (q4, q5) == (None, None) else None
        if q4 is None:
            return (Outcome.MELDEN,) if q5 is None else None
        if q4 == NEE:
            return (Outcome.MELDEN,) if q5 is None else None
        if q5 == NEE:
            return (Outcome.MELDEN,)
        return (Outcome.MELDEN_EN_HULP, Outcome.MELDEN)
    # q2 == NEE
    if q3 is None:
        return None
    if q3 == NEE:
        return (Outcome.MELDEN,) if (q4, q5) == (None, None) else None
    if q4 is None:
        return None
    if q4 == NEE:
        return (Outcome.MELDEN,) if q5 is None else None
    if q5 is None:
        return None
    return {
        NEE: (Outcome.MELDEN, Outcome.MELDEN_EN_HULP),
        NOG: (Outcome.HULP, Outcome.MELDEN_EN_HULP),
        JA: (Outcome.AFSLUITEN_MONITORING,),
    }[q5]


ALL_COMBINATIONS = list(itertools.product(EVERY_VALUE, repeat=5))


def test_every_combination_of_answers_gives_the_specified_outcome():
    """All 4^5 = 1024 combinations (each answer: none, ja, nee, nog niet)."""
    assert len(ALL_COMBINATIONS) == 1024
    for answers in ALL_COMBINATIONS:
        want = expected(answers)
        if want is None:
            with pytest.raises(AnswersNotAllowed):
                allowed_outcomes(answers)
        else:
            assert allowed_outcomes(answers) == want, answers


def test_fourteen_answer_paths_are_possible():
    assert sum(expected(a) is not None for a in ALL_COMBINATIONS) == 14


def test_no_suspicion_closes_and_stops_the_questions():
    assert allowed_outcomes((NEE, None, None, None, None)) == (Outcome.AFSLUITEN,)
    with pytest.raises(AnswersNotAllowed) as error:
        allowed_outcomes((NEE, NEE, None, None, None))
    assert 2 in error.value.errors


def test_acute_unsafety_reports_and_later_questions_go_with_veilig_thuis():
    assert allowed_outcomes((JA, JA, None, None, None)) == (Outcome.MELDEN,)
    assert not answered_with_veilig_thuis((JA, JA, None, None, None))
    assert answered_with_veilig_thuis((JA, JA, JA, JA, None))
    assert not answered_with_veilig_thuis((JA, NEE, JA, JA, NOG))


def test_help_that_works_closes_with_monitoring():
    assert allowed_outcomes((JA, NEE, JA, JA, JA)) == (Outcome.AFSLUITEN_MONITORING,)


def test_only_question_five_can_wait():
    assert [len(q.answers) for q in QUESTIONS] == [2, 2, 2, 2, 3]


def test_placement_is_step_five_unless_configured(settings):
    assert afweging_step("onderwijs") == 5
    settings.SAMENVEILIG_MELDCODE_STEP4_SECTORS = ["huisarts"]
    assert afweging_step("huisarts") == 4
    assert afweging_step("onderwijs") == 5
