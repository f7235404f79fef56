"""Calls to action, share buttons and cookie notices: the page talking to the reader.

Templates end articles with "Leave a comment below", "Subscribe to our
newsletter", "Share this article", "We use cookies". They come as lines of their
own or glued to the end of the article's last paragraph. A paragraph is cut only
from its end: the closing run of sentences that are calls to action is removed
and the article's sentences before it are kept. A question to the reader ("Do
you think ...?") counts only inside such a closing run, never alone; so does a
sentence that merely mentions cookies ("We and our partners use cookies."),
when consent buttons or a cookie notice close the run after it. Scraped text
holds one paragraph per line, sometimes with no blank line between: each line
is read as a paragraph of its own as well. Patterns are data
(``calls_to_action.json``) and name both the act and its target, so an article
sentence that mentions comments or sharing does not match; and a call addresses
the reader (it opens its sentence, or the sentence says "you" or speaks as the
site), so "Residents can leave comments below the notice" stays.
"""

from __future__ import annotations

import re
from functools import cache

from ingest.boilerplate.labels import call_to_action_pattern, label_set
from ingest.boilerplate.line_shapes import is_heading_like, line_key, word_count
from ingest.boilerplate.text_lines import Line, Removal, paragraphs, per_line_cache, removal_edits, split_lines
from ingest.input_kinds import UNEXTRACTED_TEXT
from ingest.rules import REMOVAL, CleaningContext, Phase, rule
from ingest.traced_text import Edit

CALL_TO_ACTION = "call_to_action"
SHARE_COOKIE = "share_cookie"

# Only the end of a paragraph is examined: calls to action close a page, and a
# bounded tail keeps the rule linear on a paragraph of any size.
MAX_TAIL_CHARS = 2_000
# A sentence longer than this is article prose even if a pattern matches inside it.
MAX_CALL_WORDS = 45
# A share-button line: all words platform names, sharing verbs or button chrome.
# Five buttons of "Click to share on X (Opens in new window)" are 45 words; the
# closed vocabulary, not the length, is what keeps article prose out.
MAX_SHARE_LINE_WORDS = 60
# A button's label in characters at most, chrome around it included.
MAX_BUTTON_CHARS = 30
MIN_PLATFORMS_WITHOUT_VERB = 2

# A capitalised run of at least this many words before a notice is a headline
# glued to it; fewer ("Please follow us on X") belong to the call itself.
MIN_GLUED_HEADING_WORDS = 3
# Shorter lower-case words ("a", "of", "and", "our") sit inside headlines too.
MIN_CONTENT_WORD_CHARS = 4

# "cookie(s)" is the same word in the languages of consent banners.
COOKIE_WORD = re.compile(r"\bcookies?\b", re.IGNORECASE)
# A share bar may open with a label of a few words closed by a colon ("Spread the word:").
SHARE_LABEL = re.compile(r"^[^\W\d_][\w' -]{0,30}:\s*")
MAX_SHARE_LABEL_WORDS = 3

# A line break ends a sentence too: lines of scraped text are paragraphs, and
# a wrapped sentence split at one only fails to match, it never matches more.
# What banners print between their buttons ("Got it! / Accept all").
BUTTON_SEPARATORS = " |/·•,!."

# Politeness before an imperative ("Please leave a comment below").
LEAD_IN = re.compile(r"^\W*(?:please|bitte|merci de|por favor|per favore)\b[\s,]*", re.IGNORECASE)

# A word of a button's label: letters first, then letters, digits or hyphens.
BUTTON_WORD = re.compile(r"[^\W\d_][\w-]*")

SENTENCE_BREAK = re.compile(r"[.!?。！？]+[\"'”’»)\]]*\s+|\n\s*")


@rule(phase=Phase.BLOCK_BOILERPLATE, order=80, effect=REMOVAL, kinds=(CALL_TO_ACTION, SHARE_COOKIE), inputs=UNEXTRACTED_TEXT)
def remove_calls_to_action(text: str, context: CleaningContext) -> list[Edit]:
    """Remove share-button lines and each paragraph's closing run of calls to action."""
    removals: list[Removal] = []
    for paragraph in paragraphs(split_lines(text)):
        start, end = paragraph[0].start, paragraph[-1].end
        share_lines = [line for line in paragraph if _is_share_buttons(line.stripped)]
        for position, line in enumerate(paragraph):
            if line in share_lines:
                # a line inside a paragraph goes with the newline before it, so the paragraph break after stays
                line_start = paragraph[position - 1].end if position else line.start
                removals.append(Removal(line_start, line.end, SHARE_COOKIE, "remove_calls_to_action"))
        for line in paragraph[:-1]:
            if line not in share_lines:
                removals.extend(_closing_calls(text, line.start, line.end))
        if share_lines and share_lines[-1] is paragraph[-1]:
            end = _last_kept_line_end(paragraph, share_lines)
            if end is None:
                continue
        removals.extend(_closing_calls(text, start, end))
    return removal_edits(text, removals)


def _closing_calls(text: str, start: int, end: int) -> list[Removal]:
    """The closing run of call-to-action sentences of ``text[start:end]``, as removals.

    A removal that does not start the paragraph begins at the end of the last
    kept sentence, so the space before it goes too.
    """
    return [
        Removal(start + span_start, start + span_end, kind, "remove_calls_to_action")
        for span_start, span_end, kind in _closing_call_spans(text[start:end])
    ]


# The verdict reads the paragraph or line alone, so the same words get the same spans
# wherever they stand: on each pass until stable, and in the next page of a site.
@per_line_cache
def _closing_call_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    start, end = 0, len(text)
    tail_start = max(start, end - MAX_TAIL_CHARS)
    sentences = _sentences(text, tail_start, end)
    if tail_start > start and sentences:
        sentences = sentences[1:]  # the first piece of a cut tail may be half a sentence
    found: list[tuple[int, int, str]] = []
    buttons = 0
    while buttons < len(sentences) - 1 and _is_consent_buttons(text[slice(*sentences[-1 - buttons])]):
        buttons += 1
    if buttons:
        # "Learn more Got it! Accept all" closes a cookie notice; it goes only with a notice
        # that opens its sentence, or follows a headline glued before it, which stays.
        notice = text[slice(*sentences[-1 - buttons])]
        if _opens_a_notice(notice):
            found.extend((*span, SHARE_COOKIE) for span in reversed(sentences[-buttons:]))
            sentences = sentences[:-buttons]
    for sentence_start, sentence_end in reversed(sentences):
        kind = _call_kind(text[sentence_start:sentence_end])
        if kind is None and found and _is_reader_question(text[sentence_start:sentence_end]):
            kind = found[-1][2]
        if kind is None and found and found[-1][2] == SHARE_COOKIE and _mentions_cookies(text[sentence_start:sentence_end]):
            kind = SHARE_COOKIE
        if kind is None:
            break
        found.append((sentence_start, sentence_end, kind))
    if found:
        found[-1] = _without_glued_heading(text, *found[-1])
    if found and found[-1][0] == start:  # the whole paragraph is calls to action
        return ((start, end, found[-1][2]),)
    spans = []
    for sentence_start, sentence_end, kind in found:
        if sentence_start > start:
            sentence_start = _end_of_kept_text(text, start, sentence_start)
        spans.append((sentence_start, sentence_end, kind))
    return tuple(spans)


def _without_glued_heading(text: str, start: int, end: int, kind: str) -> tuple[int, int, str]:
    """The call sentence without a headline that re-flowing glued before it.

    "Rail Misses Its Target Again We use cookies." is a title line and a notice
    joined without a sentence break; the notice starts where its pattern matches.
    """
    sentence = text[start:end]
    match = call_to_action_pattern(kind).search(sentence)
    if match is None or match.start() == 0:
        return start, end, kind
    prefix = sentence[: match.start()]
    if word_count(prefix) >= MIN_GLUED_HEADING_WORDS and is_heading_like(prefix):
        return start + match.start(), end, kind
    return start, end, kind


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` (trailing whitespace excluded)."""
    spans = []
    cursor = start
    for match in SENTENCE_BREAK.finditer(text, start, end):
        sentence_end = match.end() - (len(match.group()) - len(match.group().rstrip()))
        spans.append((cursor, sentence_end))
        cursor = match.end()
    if cursor < end:
        spans.append((cursor, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


@per_line_cache
def _call_kind(sentence: str) -> str | None:
    if word_count(sentence) > MAX_CALL_WORDS:
        return None
    match = call_to_action_pattern(CALL_TO_ACTION).search(sentence)
    if match is not None and _addresses_the_reader(sentence, match.start()):
        return CALL_TO_ACTION
    if call_to_action_pattern(SHARE_COOKIE).search(sentence):
        return SHARE_COOKIE
    return None


def _addresses_the_reader(sentence: str, call_start: int) -> bool:
    """A call opens its sentence (an imperative), or the sentence speaks to the reader or as the site.

    "Residents can leave comments below the notice until Friday" names the act
    and its target too, but tells of third parties: it is the article's sentence.
    """
    lead = LEAD_IN.sub("", sentence[:call_start]).strip(" \t\n\"'“‘«(-–—:")
    if not lead:
        return True
    return any(call_to_action_pattern(voice).search(sentence) for voice in ("reader_question", "site_voice"))


def _opens_a_notice(sentence: str) -> bool:
    """A cookie notice or privacy pointer that starts its sentence (a glued headline aside), or a sentence about cookies."""
    if _call_kind(sentence) == SHARE_COOKIE:
        start, _, _ = _without_glued_heading(sentence, 0, len(sentence), SHARE_COOKIE)
        if call_to_action_pattern(SHARE_COOKIE).match(sentence[start:].lstrip()):
            return True
    return _mentions_cookies(sentence)


def _mentions_cookies(sentence: str) -> bool:
    """A short sentence about cookies that does not open with a headline glued before it.

    A headline shows as more capitalised words than a sentence opens with
    ("We and our partners", "Diese Website verwendet") before its first long
    lower-case word.
    """
    capitalised = 0
    for word in sentence.split():
        if word[:1].islower() and len(word) >= MIN_CONTENT_WORD_CHARS:
            break
        capitalised += word[:1].isupper()
    glued = capitalised > MIN_GLUED_HEADING_WORDS
    return not glued and word_count(sentence) <= MAX_CALL_WORDS and bool(COOKIE_WORD.search(sentence))


def _is_reader_question(sentence: str) -> bool:
    stripped = sentence.rstrip().rstrip("\"'”’»)")
    if not stripped.endswith(("?", "？")) or word_count(sentence) > MAX_CALL_WORDS:
        return False
    return bool(call_to_action_pattern("reader_question").search(sentence))


def _end_of_kept_text(text: str, paragraph_start: int, position: int) -> int:
    while position > paragraph_start and text[position - 1].isspace():
        position -= 1
    return position


@per_line_cache
def _is_consent_buttons(sentence: str) -> bool:
    """A sentence that is only consent-banner button labels ("Accept all | Manage preferences")."""
    key = line_key(sentence).strip(BUTTON_SEPARATORS)
    return bool(key) and bool(_consent_buttons_pattern().fullmatch(key))


@cache
def _consent_buttons_pattern() -> re.Pattern[str]:
    labels = "|".join(re.escape(label) for label in sorted(label_set("consent_buttons"), key=len, reverse=True))
    return re.compile(rf"(?:{labels})(?:[\s|/·•,!.]+(?:{labels}))*")


@per_line_cache
def _is_share_buttons(line: str) -> bool:
    """A line of platform names and sharing verbs only ("Share: Facebook | X | Email").

    A short label before a colon may be any words when the buttons after it
    name two platforms or more ("Spread the word: Telegram | X").
    """
    label = SHARE_LABEL.match(line)
    if label and len(label.group().split()) <= MAX_SHARE_LABEL_WORDS and _are_buttons(line[label.end() :], MIN_PLATFORMS_WITHOUT_VERB):
        return True
    return _are_buttons(line, 0)


def _are_buttons(line: str, min_platforms: int) -> bool:
    # A bar of buttons is short; a longer line is text, whatever its size.
    if len(line) > MAX_SHARE_LINE_WORDS * MAX_BUTTON_CHARS:
        return False
    words = []
    for match in BUTTON_WORD.finditer(line_key(call_to_action_pattern("button_chrome").sub(" ", line))):
        if match.group() not in _button_words():
            return False  # a line of text, settled at its first word that names no button
        words.append(match.group())
    if not words or len(words) > MAX_SHARE_LINE_WORDS:
        return False
    platforms, verbs = label_set("social_platforms"), label_set("share_verbs")
    has_verb = any(w in verbs for w in words)
    # Platforms told apart: "x = x + 1;" names X twice, and a bar names each platform once.
    named = len({w for w in words if w in platforms and w not in verbs})
    return named >= min_platforms and (has_verb or named >= MIN_PLATFORMS_WITHOUT_VERB)


@cache
def _button_words() -> frozenset[str]:
    """Every word a share bar may hold: platform names, sharing verbs and button chrome."""
    return label_set("social_platforms") | label_set("share_verbs") | label_set("share_fillers")


def _last_kept_line_end(paragraph: list[Line], share_lines: list[Line]) -> int | None:
    """End of the paragraph's last line that is not a share bar, or None when all are."""
    removed = {line.start for line in share_lines}
    kept = [line for line in paragraph if line.start not in removed]
    return kept[-1].end if kept else None
