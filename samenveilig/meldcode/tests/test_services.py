"""The write paths: duplicate check, version check, the lawful reasons to skip the conversation, the kindcheck,
append-only records, closing, and the workflow."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samenveilig.meldcode import services
from samenveilig.meldcode.models import Assessment, SignalEntry
from samenveilig.meldcode.tests.factories import DossierFactory, record_steps_1_to_3
from samenveilig.meldcode.workflow import Status

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 1, 6)


def test_duplicate_local_reference_is_refused_in_the_same_organisation(personas, acting):
    first = services.create_dossier(
        acting(personas.professional), concern="partnergeweld", local_reference="LL-7", person={"kind": "volwassene"}
    )
    with pytest.raises(services.DuplicateReference) as error:
        services.create_dossier(
            acting(personas.colleague), concern="partnergeweld", local_reference=" ll-7 ", person={"kind": "volwassene"}
        )
    assert error.value.existing == first
    # Another organisation may use the same reference.
    services.create_dossier(
        acting(personas.outsider), concern="partnergeweld", local_reference="LL-7", person={"kind": "volwassene"}
    )


def test_second_editor_is_told_someone_was_first(personas, acting):
    user = acting(personas.professional)
    dossier = services.create_dossier(
        user, concern="kindermishandeling", local_reference="LL-8", person={"kind": "kind"}
    )
    seen = dossier.version
    person = dossier.persons.get()
    services.edit_person(user, person, data={"kind": "kind", "local_reference": "A"}, version=seen)
    with pytest.raises(services.ConcurrentChange):
        services.edit_person(user, person, data={"kind": "kind", "local_reference": "B"}, version=seen)
    person.refresh_from_db()
    assert person.local_reference == "A"


def test_invalid_bsn_is_refused(personas, acting):
    with pytest.raises(ValidationError) as error:
        services.create_dossier(
            acting(personas.professional),
            concern="kindermishandeling",
            local_reference="X",
            person={"kind": "kind", "bsn": "123456789"},
        )
    assert "bsn" in error.value.error_dict


def test_conversation_is_skipped_only_for_a_lawful_reason(personas, acting):
    user = acting(personas.professional)
    dossier = DossierFactory(owner=personas.professional)
    with pytest.raises(ValidationError) as error:
        services.add_conversation(
            user, dossier, held=False, held_on=DAY, skip_reason="geen_tijd", skip_explanation="Druk."
        )
    assert "skip_reason" in error.value.error_dict
    conversation = services.add_conversation(
        user, dossier, held=False, held_on=DAY, skip_reason="veiligheid", skip_explanation="Vader dreigde."
    )
    assert conversation.skip_reason == "veiligheid"


def test_kindcheck_is_for_an_adult(personas, acting):
    user = acting(personas.professional)
    dossier = DossierFactory(owner=personas.professional)  # with a child
    child = dossier.persons.get()
    with pytest.raises(ValidationError):
        services.add_kindcheck(user, dossier, person=child, checked_on=DAY, children_in_care="ja", pregnancy="nee")
    adult = services.add_person(user, dossier, person={"kind": "volwassene"})
    check = services.add_kindcheck(
        user,
        dossier,
        person=adult,
        checked_on=DAY,
        children_in_care="ja",
        pregnancy="nee",
        number_of_children=2,
        ages="3 en 7",
        action_taken="Besproken.",
    )
    assert check.person == adult


def test_records_are_append_only(personas, acting):
    user = acting(personas.professional)
    dossier = DossierFactory(owner=personas.professional)
    signal = services.add_signal(user, dossier, observed_on=DAY, fact="Feit")
    signal.fact = "Ander feit"
    with pytest.raises(TypeError):
        signal.save()
    with pytest.raises(TypeError):
        SignalEntry.objects.filter(pk=signal.pk).update(fact="x")


def test_reassessment_adds_to_the_history(personas, acting):
    user = acting(personas.professional)
    dossier = DossierFactory(owner=personas.professional, afweging_step=4)
    record_steps_1_to_3(dossier, user)
    dossier.refresh_from_db()
    services.assess(
        user,
        dossier,
        answers=("ja", "nee", "ja", "ja", "nog_niet"),
        reasons=("r",) * 5,
        outcome="hulp",
        version=dossier.version,
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.HULP_VOLGEN
    services.assess(
        user,
        dossier,
        answers=("ja", "nee", "ja", "ja", "ja"),
        reasons=("r",) * 5,
        outcome="afsluiten_monitoring",
        decision_note="Mentor volgt het kind tot de zomer.",
        version=dossier.version,
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.GESLOTEN and dossier.closed_on is not None
    assert list(Assessment.objects.filter(dossier=dossier).values_list("outcome", flat=True)) == [
        "hulp",
        "afsluiten_monitoring",
    ]


def test_closing_with_monitoring_needs_the_agreements(personas, acting):
    user = acting(personas.professional)
    dossier = DossierFactory(owner=personas.professional, afweging_step=4)
    record_steps_1_to_3(dossier, user)
    dossier.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.assess(
            user,
            dossier,
            answers=("ja", "nee", "ja", "ja", "ja"),
            reasons=("r",) * 5,
            outcome="afsluiten_monitoring",
            version=dossier.version,
        )
    assert "decision_note" in error.value.error_dict


def test_service_refuses_an_outcome_the_answers_forbid(personas, acting):
    user = acting(personas.professional)
    dossier = DossierFactory(owner=personas.professional, afweging_step=4)
    record_steps_1_to_3(dossier, user)
    dossier.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.assess(
            user,
            dossier,
            answers=("ja", "ja", None, None, None),
            reasons=("r",) * 5,
            outcome="afsluiten",
            version=dossier.version,
        )
    assert "outcome" in error.value.error_dict
    assert not dossier.assessments.exists()


def test_acute_unsafety_records_answers_given_with_veilig_thuis(personas, acting):
    user = acting(personas.professional)
    dossier = DossierFactory(owner=personas.professional, afweging_step=4)
    record_steps_1_to_3(dossier, user)
    dossier.refresh_from_db()
    assessment = services.assess(
        user,
        dossier,
        answers=("ja", "ja", "ja", "ja", None),
        reasons=("r",) * 5,
        outcome="melden_en_hulp",
        version=dossier.version,
    )
    assert assessment.with_veilig_thuis


def test_a_closed_dossier_takes_nothing_more(personas, acting):
    user = acting(personas.professional)
    dossier = DossierFactory(owner=personas.professional, reporting=True)
    services.close(user, dossier, note="Veilig Thuis heeft het overgenomen.", version=dossier.version)
    dossier.refresh_from_db()
    assert dossier.status == Status.GESLOTEN
    with pytest.raises(ValidationError):
        services.add_signal(user, dossier, observed_on=DAY, fact="Nog iets")


def test_an_open_dossier_closes_through_its_assessment(personas, acting):
    dossier = DossierFactory(owner=personas.professional)
    with pytest.raises(ValidationError):
        services.close(acting(personas.professional), dossier, note="Klaar.", version=dossier.version)


def test_outsider_cannot_write_through_the_service(personas, acting):
    dossier = DossierFactory(owner=personas.professional)
    with pytest.raises(PermissionDenied):
        services.add_signal(acting(personas.outsider), dossier, observed_on=DAY, fact="x")
