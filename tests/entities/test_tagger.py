"""The tagger end to end on real spaCy output (model loaded once per session)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.entities import entity_id
from ingest.entities.tagger import split_into_chunks


def mentions_by_text(document):
    return {m.text: m for m in document.mentions}


def test_gazetteer_fixes_labels_the_model_gets_wrong(tagger, make_document):
    # Without the gazetteer this model calls "Mi-28" a place and "Astara" a person.
    document = make_document(
        "Moscow offered Mi-28 helicopters to Iran. The railway links Rasht and Astara on the Caspian Sea."
    )
    tagger.tag([document])
    found = {(m.text, m.label) for m in document.mentions}
    assert ("Mi-28", "PRODUCT") in found
    assert ("Astara", "GPE") in found
    assert ("Rasht", "GPE") in found


def test_known_names_stop_the_model_swallowing_neighbours(tagger, make_document):
    document = make_document("Nikolai Patrushev met IRGC Rear Admiral Ali-Akbar Ahmadian in Moscow.")
    tagger.tag([document])
    texts = {m.text for m in document.mentions}
    assert "IRGC" in texts
    assert "IRGC Rear" not in texts


def test_every_way_of_naming_putin_is_one_entity(tagger, make_document):
    document = make_document(
        "Russian President Vladimir Putin met Iranian President Masoud Pezeshkian in Kazan. "
        "Putin praised the talks. Later, President Putin's aides said Pezeshkian would visit Moscow."
    )
    tagger.tag([document])
    putin = entity_id("Vladimir Putin", "PERSON")
    named_putin = [m.text for m in document.mentions if m.entity_id == putin]
    assert named_putin == ["Vladimir Putin", "Putin", "Putin"]


def test_united_states_spellings_are_one_entity(tagger, make_document):
    document = make_document(
        "The United States imposed sanctions. U.S. officials said the US would not relent."
    )
    outcome = tagger.tag([document])
    us = entity_id("United States", "GPE")
    assert sorted(m.text for m in document.mentions if m.entity_id == us) == ["U.S.", "US", "United States"]
    assert [e.external_id for e in outcome.entities if e.entity_id == us] == ["Q30"]


def test_repaired_spelling_variants_join(tagger, make_document):
    document = make_document("Iran still awaits the Su35 fighters. The Su-35 deal stalled.")
    tagger.tag([document])
    su35 = entity_id("Su-35", "PRODUCT")
    assert [m.text for m in document.mentions if m.entity_id == su35] == ["Su35", "Su-35"]


def test_surname_joins_a_full_name_only_within_its_document(tagger, make_document):
    first = make_document("Defense analyst Rajab Safarov spoke in Moscow. Safarov warned of risks.", "a")
    second = make_document("Trader Olga Safarova met Anton Safarov in Baku. Safarov left early.", "b")
    tagger.tag([first, second])
    first_safarov = [m for m in first.mentions if m.text == "Safarov"]
    second_safarov = [m for m in second.mentions if m.text == "Safarov"]
    assert first_safarov[0].entity_id == entity_id("Rajab Safarov", "PERSON")
    assert second_safarov[0].entity_id == entity_id("Anton Safarov", "PERSON")


def test_other_languages_and_duplicates_are_skipped_and_counted(tagger, make_document):
    english = make_document("Vladimir Putin visited Tehran.", "en")
    french = make_document("Vladimir Poutine a visité Téhéran.", "fr", language="fr")
    unknown = make_document("12 34 56", "unknown", language="unknown")
    duplicate = make_document("Vladimir Putin visited Tehran.", "dup")
    duplicate.duplicate_of = english.doc_id
    french.mentions = ["stale"]
    outcome = tagger.tag([english, french, unknown, duplicate])
    assert outcome.documents_tagged == 1
    assert outcome.skipped_languages == {"fr": 1, "unknown": 1}
    assert outcome.skipped_duplicates == 1
    assert french.mentions == [] and duplicate.mentions == []
    assert {m.text for m in english.mentions} == {"Vladimir Putin", "Tehran"}


def test_sentence_indices_count_sentences_in_the_document(tagger, make_document):
    document = make_document("Iran signed the deal.\n\nLater, Russia objected. Then Moscow relented.")
    tagger.tag([document])
    assert [(m.text, m.sentence_index) for m in document.mentions] == [
        ("Iran", 0),
        ("Russia", 1),
        ("Moscow", 2),
    ]


def test_ids_are_stable_across_runs_and_batch_orders(tagger, make_document):
    texts = [
        "Sergey Lavrov met Abbas Araghchi. Lavrov backed the Zangezur corridor.",
        "Sergei Lavrov spoke in Baku about the INSTC and the EAEU.",
    ]
    run_one = [make_document(t, str(i)) for i, t in enumerate(texts)]
    run_two = [make_document(t, str(i)) for i, t in reversed(list(enumerate(texts)))]
    first, second = tagger.tag(run_one), tagger.tag(run_two)
    assert {(e.entity_id, e.name) for e in first.entities} == {(e.entity_id, e.name) for e in second.entities}
    by_doc = {d.doc_id: [m.entity_id for m in d.mentions] for d in run_two}
    assert all(by_doc[d.doc_id] == [m.entity_id for m in d.mentions] for d in run_one)


def test_a_known_place_inside_an_unknown_name_stays_a_place(tagger, make_document):
    # The cost of forcing gazetteer names before the model: documented, not wanted.
    document = make_document("The Rasht Logistics Hub opened on Monday.")
    tagger.tag([document])
    assert ("Rasht", "GPE") in {(m.text, m.label) for m in document.mentions}


def test_chunks_rebuild_the_text_and_respect_the_limit():
    text = ("Iran and Russia signed. " * 30 + "\n\n") * 10
    chunks = list(split_into_chunks(text, limit=1_000))
    assert "".join(chunk for _, chunk in chunks) == text
    assert all(len(chunk) <= 1_000 for _, chunk in chunks)
    assert all(text[offset : offset + len(chunk)] == chunk for offset, chunk in chunks)
    assert all(chunk.endswith("\n\n") for _, chunk in chunks[:-1])


def test_chunks_of_a_text_without_breaks_still_respect_the_limit():
    chunks = list(split_into_chunks("x" * 2_500, limit=1_000))
    assert [len(c) for _, c in chunks] == [1_000, 1_000, 500]


_WORDS = st.sampled_from(
    [
        "Iran", "Russia's", "the", "U.S.", "Putin", "President", "Su35", "Su-35", "BRICS", '"Quds', 'Force"',
        "Vladimir", "signed", "in", "Moscow", "’s", "and", "—", "Tehran", "\n\n", "Zangezur", "corridor", "(SCO)",
        "Georgia", "2023", "$4", "billion", "Émile", "Ørsted", "Khamenei", "IRGC", "Rear", "Admiral", ",", ".",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_WORDS, min_size=1, max_size=40).map(" ".join), min_size=1, max_size=3))
def test_every_mention_gives_back_its_text(tagger, make_document, texts):
    documents = [make_document(text, str(i)) for i, text in enumerate(texts)]
    tagger.tag(documents)
    for document in documents:
        for mention in document.mentions:
            assert document.text[mention.start : mention.end] == mention.text
            assert mention.text == mention.text.strip()
            assert mention.sentence_index >= 0


def test_the_gazetteer_phrases_are_matched_on_their_tokens_alone(tagger):
    """The ruler joins the pipeline before ``senter`` is turned on, so building it runs no trained
    component over its phrases; the components still run in the same order on a text."""
    from ingest.entities.model import PARAGRAPH_SENTENCES, RULER_NAME

    ruler = tagger.nlp.get_pipe(RULER_NAME)
    phrases = [phrase for phrases in ruler.phrase_patterns.values() for phrase in phrases]

    assert any(len(phrase) > 1 for phrase in phrases)
    assert all(token.is_sent_start is None for phrase in phrases for token in phrase[1:])
    assert tagger.nlp.pipe_names == ["senter", PARAGRAPH_SENTENCES, RULER_NAME, "ner"]
