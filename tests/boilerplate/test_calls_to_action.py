from ingest.boilerplate.calls_to_action import remove_calls_to_action

BODY = "Both governments expect the treaty to be signed before the end of the year."


def test_closing_calls_are_cut_from_a_real_paragraph(run_rule):
    text = (
        f"{BODY} We invite you to share your thoughts on the treaty. "
        "Will it last, do you think? Leave a comment below and subscribe to our newsletter.\n\nNext."
    )
    assert run_rule(remove_calls_to_action, text) == f"{BODY}\n\nNext."


def test_paragraph_of_calls_only_is_removed_whole(run_rule):
    text = f"{BODY}\n\nSign up for our newsletter to get the latest analysis. Share this article on Twitter.\n\nEnd."
    assert run_rule(remove_calls_to_action, text) == f"{BODY}\n\nEnd."


def test_cookie_notice_and_share_buttons(run_rule):
    text = f"We use cookies to improve your experience.\n\n{BODY}\n\nShare: Facebook | X | LinkedIn | Email\n"
    assert run_rule(remove_calls_to_action, text) == BODY


def test_calls_in_other_languages(run_rule):
    german = "Die Regierung bestätigte das Abkommen. Abonnieren Sie unseren Newsletter, um nichts zu verpassen."
    assert run_rule(remove_calls_to_action, german) == "Die Regierung bestätigte das Abkommen."
    french = "Le traité sera signé à Moscou. Laissez un commentaire ci-dessous."
    assert run_rule(remove_calls_to_action, french) == "Le traité sera signé à Moscou."


def test_a_sentence_telling_of_others_leaving_comments_is_the_article_s(run_rule):
    """The pattern names the act and its target, but no one addresses the reader: the sentence stays."""
    sentence = "Residents can leave comments on the proposal below the notice on the council's website until Friday."
    text = f"{BODY} {sentence}\n\n{sentence}\n\nNext."
    assert run_rule(remove_calls_to_action, text) == text


def test_an_imperative_call_still_goes_whatever_its_politeness(run_rule):
    text = f"{BODY} Please leave your comments on the treaty below.\n\nNext."
    assert run_rule(remove_calls_to_action, text) == f"{BODY}\n\nNext."


def test_article_sentences_about_comments_and_sharing_are_kept(run_rule):
    text = (
        "The ministry declined to comment on the report. Iran and Russia share a border on the Caspian Sea. "
        "Subscribers to the agreement must share intelligence, officials said.\n\n"
        "Facebook\n\nThe company said on Monday that it had removed the accounts."
    )
    assert run_rule(remove_calls_to_action, text) == text


def test_a_question_to_the_reader_alone_is_kept(run_rule):
    text = f"{BODY} What do you think the treaty will change?"
    assert run_rule(remove_calls_to_action, text) == text


def test_cookie_notice_closing_with_its_buttons(run_rule):
    text = (
        f"{BODY}\n\nWe use cookies for analytics. By continuing to browse you agree to our use of cookies. "
        "Accept all | Learn more\n\nEnd."
    )
    assert run_rule(remove_calls_to_action, text) == f"{BODY}\n\nEnd."


def test_button_words_after_an_article_sentence_are_kept(run_rule):
    text = f"{BODY} Accept all.\n\nEnd."
    assert run_rule(remove_calls_to_action, text) == text


def test_share_bars_with_accessibility_text_and_inside_a_paragraph(run_rule):
    wordpress = (
        "Share Click to share on LinkedIn (Opens in new window) Click to share on Copy link (Opens in new window)"
    )
    assert run_rule(remove_calls_to_action, f"{BODY}\n\n{wordpress}\n\nEnd.") == f"{BODY}\n\nEnd."
    french = "Compartir: Partager sur LinkedIn Partager sur Email"
    assert run_rule(remove_calls_to_action, f"{BODY}\n{french}\n\nEnd.") == f"{BODY}\n\nEnd."


def test_a_line_naming_one_platform_twice_is_no_share_bar(run_rule):
    """``x`` names X, but a bar of buttons names two platforms or more: a line of code naming x twice stays."""
    code = "    x = x + 1;\n    y = (x != 0) && (1/x > 10);"
    assert run_rule(remove_calls_to_action, f"{BODY}\n\n{code}\n\nEnd.") == f"{BODY}\n\n{code}\n\nEnd."
    assert run_rule(remove_calls_to_action, f"{BODY}\n\nFacebook X\n\nEnd.") == f"{BODY}\n\nEnd."


def test_a_sentence_about_a_new_window_on_a_platform_is_kept(run_rule):
    text = f"{BODY}\n\nClick to open the new window on LinkedIn.\n\nEnd."
    assert run_rule(remove_calls_to_action, text) == text


def test_consent_buttons_do_not_take_a_headline_glued_to_the_notice(run_rule):
    text = f"Chemists Report a New Catalyst This website uses cookies to improve your experience. Refuser\n\n{BODY}"
    assert run_rule(remove_calls_to_action, text) == f"Chemists Report a New Catalyst\n\n{BODY}"


def test_a_headline_glued_before_a_cookie_notice_is_kept(run_rule):
    text = f"Rail Misses Its Punctuality Target Again We use cookies for analytics.\n\n{BODY}"
    assert run_rule(remove_calls_to_action, text) == f"Rail Misses Its Punctuality Target Again\n\n{BODY}"
    short = f"Please follow us on Twitter.\n\n{BODY}"
    assert run_rule(remove_calls_to_action, short) == BODY


def test_notice_with_a_privacy_link_and_several_button_sentences(run_rule):
    text = (
        f"{BODY}\n\nCe site utilise des cookies. See our privacy policy for details. Learn more Got it! Accept all\n\nEnd."
    )
    assert run_rule(remove_calls_to_action, text) == f"{BODY}\n\nEnd."


def test_stacked_newsletter_and_more_coverage_lines(run_rule):
    text = (
        f"{BODY} Subscribe to our weekly briefing and never miss a story. "
        "Explore our other articles on the council budget for more in-depth coverage."
    )
    assert run_rule(remove_calls_to_action, text) == BODY


def test_article_sentences_about_exploring_and_briefings_are_kept(run_rule):
    text = (
        "Researchers explore our understanding of ammonia. "
        "The minister did not subscribe to our reading of the briefing, aides said."
    )
    assert run_rule(remove_calls_to_action, text) == text


def test_a_more_stories_question_and_click_here_close_a_run(run_rule):
    text = (
        f"{BODY} Want more stories like this? Subscribe now for just $1 a week. "
        "Click here to subscribe and support independent journalism."
    )
    assert run_rule(remove_calls_to_action, text) == BODY


def test_a_question_about_wanting_more_alone_and_click_instructions_are_kept(run_rule):
    text = f"{BODY} Want more stories like this? Click here to open the full report."
    assert run_rule(remove_calls_to_action, text) == text


def test_sentence_about_cookies_goes_only_with_the_buttons_or_notice_after_it(run_rule):
    text = f"{BODY}\nWe and our partners use cookies. See our privacy policy for details. Manage preferences · Accepter\nEnd."
    assert run_rule(remove_calls_to_action, text) == f"{BODY}\nEnd."
    glued = f"Chemists Report a New Catalyst We and our partners use cookies. Refuser\n\n{BODY}"
    assert run_rule(remove_calls_to_action, glued) == glued


def test_article_sentence_about_cookies_is_kept(run_rule):
    text = f"{BODY} Regulators say most news sites use cookies to follow readers.\n\nEnd."
    assert run_rule(remove_calls_to_action, text) == text


def test_each_line_of_a_scraped_block_closes_on_its_own(run_rule):
    text = f"Freia Schlauchin, Lecturer\nWe use cookies for analytics. Accept all\n{BODY} Share your thoughts in the comments below.\n{BODY}"
    assert run_rule(remove_calls_to_action, text) == f"Freia Schlauchin, Lecturer\n{BODY}\n{BODY}"


def test_share_bar_behind_a_label(run_rule):
    text = f"{BODY}\n\nSpread the word: Telegram | Copy link | WhatsApp\n\n{BODY}"
    assert run_rule(remove_calls_to_action, text) == f"{BODY}\n\n{BODY}"
    listing = f"{BODY}\n\nBanned in Iran: Telegram and WhatsApp\n\n{BODY}"
    assert run_rule(remove_calls_to_action, listing) == listing


def test_consent_buttons_between_slashes(run_rule):
    text = f"{BODY}\n\nThis website uses cookies to improve your experience. Got it! / Mehr erfahren / Reject all\n\nEnd."
    assert run_rule(remove_calls_to_action, text) == f"{BODY}\n\nEnd."
