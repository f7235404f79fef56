import pytest

from ingest.input_kinds import InputKind
from ingest.normalize.confusions import bar_for_capital_i, confused_glyphs
from ingest.normalize.short_words import short_words_misread
from ingest.normalize.glyphs import apostrophe_between_words
from ingest.normalize.lost_hyphens import restore_lost_hyphens
from ingest.normalize.lost_spaces import split_glued_function_words
from ingest.normalize.spaces_read_as_marks import (
    apostrophe_before_name,
    apostrophe_between_ordinary_words,
    full_stop_inside_sentence,
    apostrophe_between_names,
    hyphen_between_words,
    mark_after_number,
    mark_between_words,
)

REPAIRED = [
    (confused_glyphs, "his fami1y cou1d add f1air to the persona1 touch", "his family could add flair to the personal touch"),
    (confused_glyphs, "a rnodern plant will retum vvhich way", "a modern plant will return which way"),
    (confused_glyphs, "amoiig the voters of Keritucky it was caIled c0uld", "among the voters of Kentucky it was called could"),
    (confused_glyphs, "the outconie was anid is", "the outcome was and is"),
    # One confusable digit opening a word is a glyph too.
    (confused_glyphs, "the 1ion 1ived a 1ittle 1ater", "the lion lived a little later"),
    # Two characters: only readings among the commonest words, capitalised where a sentence opens.
    (short_words_misread, "lt was late. ln the end, if lt rained 0f course 1t was wet", "It was late. In the end, if it rained of course it was wet"),
    (apostrophe_between_ordinary_words, "the buyers'in town and a call'to arms", "the buyers in town and a call to arms"),
    (apostrophe_before_name, "Rodgers and'Hammerstein toured in'Austria", "Rodgers and Hammerstein toured in Austria"),
    (mark_between_words, "he put himself.to the test; the:outcome of his:trademark", "he put himself to the test; the outcome of his trademark"),
    (mark_between_words, "compared to.the average, taking.a cut", "compared to the average, taking a cut"),
    (mark_between_words, "They're.going and let's.face it", "They're going and let's face it"),
    (mark_between_words, "the show opens on:Friday in Paris", "the show opens on Friday in Paris"),
    (mark_after_number, "some 100,000.residents, a 0.4:percent rise, $31.if", "some 100,000 residents, a 0.4 percent rise, $31 if"),
    (apostrophe_between_names, "said Michael'Webb", "said Michael Webb"),
    (hyphen_between_words, "when-Republican voters were-not among-them", "when Republican voters were not among them"),
    (hyphen_between_words, "voters in Michigan-and Ohio sided with-Trump and against-the tide", "voters in Michigan and Ohio sided with Trump and against the tide"),
    (full_stop_inside_sentence, "you know. the rest is history.", "you know the rest is history."),
    (split_glued_function_words, "inrecent years onthe coast, Acase forthe data", "in recent years on the coast, A case for the data"),
    (apostrophe_between_ordinary_words, "Americans'say the gains'even out; it came with a'new engine", "Americans say the gains even out; it came with a new engine"),
    (apostrophe_between_words, "hundreds of songs that summer‘and more", "hundreds of songs that summer and more"),
    (bar_for_capital_i, "what | hear in my head, then | showed up. | think so", "what I hear in my head, then I showed up. I think so"),
    # A particle compound is usual with its hyphen and rare closed.
    (restore_lost_hyphens, "a dialup modem, the onfield play, a builtin lamp", "a dial-up modem, the on-field play, a built-in lamp"),
]

LEFT_ALONE = [
    # Known words, names, codes, numbers with units, mixed-case brands: never read again.
    (confused_glyphs, "F-35 and COVID-19 on 4G, an A380 at 10am, his iPhone, Nzeribe and Marni met Lawan", "en"),
    # An ambiguous confusion (two readings about as common) is left as it is.
    (confused_glyphs, "the tree was ta1l", "en"),  # ``tall`` or ``tail``
    (confused_glyphs, "fami1y", "unknown"),  # no word list, no decision
    (confused_glyphs, "the 1st race at 1pm, 5km and 1am", "en"),  # numbers with units are known tokens
    # Codes, plurals of figures, a word as common as its reading (Italian ``lo``), a capital after ``ln``.
    (short_words_misread, "an i5 chip and A4 paper, in 1s and 0s, Lt. Smith, the ln X function", "en"),
    (short_words_misread, "per lo shopping", "it"),
    (apostrophe_between_ordinary_words, "they're here, we'll see, you've won, get'em, ma'am", "en"),
    # Contractions, elisions and names with apostrophes.
    (apostrophe_before_name, "Conan O'Brien met d'Artagnan; we're told it's Tom's car", "en"),
    (apostrophe_before_name, "le directeur d'Orange est venu", "fr"),
    # Sentence ends, web addresses, abbreviations, times.
    (mark_between_words, "See google.com and amzn.to/2hw or news.org; e.g. at 10:30. It ended.Then", "en"),
    (mark_after_number, "report 2019.pdf, version 2.0.1, odds of 3:1, at 10:30am, site 24.com", "en"),
    (apostrophe_between_names, "Conan O'Brien, D'Angelo, Ma'am", "en"),
    # Real compounds: more than two parts, words outside the closed class, a prefix before a name.
    (hyphen_between_words, "a state-of-the-art, well-known, at-home, as-is sale; anti-American views", "en"),
    (hyphen_between_words, "für-die Leute", "de"),
    (full_stop_inside_sentence, "lamps, chairs etc. and more; Acme Co. executives; on. meth. dot. com", "en"),
    (split_glued_function_words, "into and onto the ground, within reach, cannot go, the adscan tool", "en"),
    (apostrophe_between_ordinary_words, "at five o'clock y'all said don't; a nor'easter; rock'n'roll; the Qur'an", "en"),
    (bar_for_capital_i, "Home | News | Sport, and a | b | c table row, 3 | Hughes", "en"),
    # Closed words, affixes that close, brands, web addresses; languages that close compounds.
    (restore_lost_hyphens, "hereon, inborn, setup, online, a multilink megabanks network at www.autoracing.com, GoBank", "en"),
    (restore_lost_hyphens, "sekadarnya, bencilah", "id"),
    (restore_lost_hyphens, "die Bundesregierungsreform", "de"),
]


@pytest.mark.parametrize(("rule", "text", "expected"), REPAIRED)
def test_ocr_confusions_are_repaired(repair, rule, text, expected):
    assert repair(rule, text) == expected


WEB_TEXT = [
    # A web page's marks, closed forms and names are its writer's: the OCR repairs leave them.
    (full_stop_inside_sentence, "add 1 tsp. olive oil and 4 oz. cooked rice"),
    (mark_between_words, "a trunk of 2.1 cu.ft. in front"),
    (split_glued_function_words, "at the Ameris Bank Amphitheatre, said Beto, in toto"),
    (restore_lost_hyphens, "an ecobee thermostat, a smallsat maker, its teardown, a highlevel view"),
    (apostrophe_before_name, "Rodgers and'Hammerstein"),
    (hyphen_between_words, "voters in Michigan-and Ohio"),
    (short_words_misread, "lt was 0f course"),
]


@pytest.mark.parametrize(("rule", "text"), WEB_TEXT)
def test_web_text_is_not_repaired_as_print(repair, rule, text):
    assert repair(rule, text, kind=InputKind.PAGE_TEXT) == text


@pytest.mark.parametrize(("rule", "text", "language"), LEFT_ALONE)
def test_real_words_and_other_languages_are_left_alone(repair, rule, text, language):
    assert repair(rule, text, language=language) == text


def test_each_repair_is_one_edit_on_the_damaged_word():
    from ingest.rules import CleaningContext

    edits = confused_glyphs("a fami1y home", CleaningContext(language="en"))
    assert [(e.start, e.end, e.after, e.kind, e.rule) for e in edits] == [(2, 8, "family", "glyph", "confused_glyphs")]
