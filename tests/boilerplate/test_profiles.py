import pytest

from ingest.boilerplate.pii_shapes import is_lorem_ipsum, is_personal_data
from ingest.boilerplate.profiles import remove_fake_profiles

ARTICLE = "Trade between the two countries grew by a fifth last year, officials said on Monday."


CARDS = {
    "bulleted card with social sections and empty platform headings": (
        "About the writer:\n\n"
        "  • Name : Jane Roe\n  • Email : jroe@example.net\n  • Phone : +44 20 7946 0958\n"
        "  • Bio : Quia dolorem voluptatem sapiente. Eveniet aliquam rerum quibusdam.\n\n"
        "Socials\n\nlinkedin:\n\nx:\n\n  • url : https://x.com/jroe_99\n  • followers : 1200\n  • following : 87\n"
    ),
    "German labels, other order, dash bullets": (
        "- Geburtsdatum: 12.03.1981\n- Firma: Müller & Söhne GmbH\n- Benutzername: k.mueller81\n"
        "- E-Mail: k.mueller@beispiel.de\n"
    ),
    "French labels, no bullets, dash separators": (
        "Nom – Claire Dubois\nCourriel – claire.dubois@exemple.fr\nTéléphone – 01 23 45 67 89\n"
    ),
}

KEPT = {
    "an article's key facts list": (
        "Key facts:\n\n- Population: 89 million\n- Capital: Tehran\n- Currency: rial\n"
        "- Main exports: oil, gas and petrochemicals\n"
    ),
    "two contact fields": "Email: press@ministry.example\nPhone: +98 21 6111 1111\n",
}


@pytest.mark.parametrize("card", CARDS.values(), ids=CARDS.keys())
def test_profile_cards_are_removed_before_or_after_the_article(run_rule, card):
    assert run_rule(remove_fake_profiles, f"{ARTICLE}\n\n{card}") == ARTICLE
    assert run_rule(remove_fake_profiles, f"{card}\n\n{ARTICLE}") == ARTICLE


@pytest.mark.parametrize("block", KEPT.values(), ids=KEPT.keys())
def test_field_lists_without_personal_data_are_kept(run_rule, block):
    text = f"{block}\n{ARTICLE}"
    assert run_rule(remove_fake_profiles, text) == text


def test_heading_after_a_profile_at_the_top_is_kept(run_rule):
    text = (
        "Name: Ana Lima\nUsername: ana_lima\nEmail: ana@lima.example\n\n"
        "Introduction\n\n" + ARTICLE
    )
    assert run_rule(remove_fake_profiles, text) == "Introduction\n\n" + ARTICLE


def test_personal_data_shapes():
    for value in ("a.b@c.org", "https://tiktok.com/@x", "+1-228-694-5539", "1973-06-22", "maximo.kuhlman", "@handle"):
        assert is_personal_data(value), value
    for value in ("Tehran", "89 million", "oil, gas and petrochemicals", "U.S.", "Set and Exhibit Designer"):
        assert not is_personal_data(value), value


def test_lorem_ipsum_is_told_from_romance_prose():
    assert is_lorem_ipsum("Porro sed earum esse laudantium. Rerum debitis ut similique natus.")
    assert not is_lorem_ipsum("La relation entre la Russie et l'Iran reste fragile selon les analystes.")
    assert not is_lorem_ipsum("Il presidente ha incontrato il ministro degli esteri iraniano a Mosca.")


def test_arrow_bullets_and_equals_separated_cards_are_removed(run_rule):
    arrows = (
        "→ Name des Autors: Rico Holt\n→ Login: ahiller\n→ E-mail: nkrebs@example.net\n"
        "→ Date de naissance: 22/02/1993\n→ Téléphone: 0500162407"
    )
    assert run_rule(remove_fake_profiles, f"{ARTICLE}\n\n{arrows}") == ARTICLE
    equals = (
        "  • Nombre = Marcelle Moreau\n  • Contact = benjaminsalmon@example.com\n"
        "  • Dirección = boulevard de Dumont 67937 Sainte Henri\n  • Position = rédacteur en chef"
    )
    assert run_rule(remove_fake_profiles, f"{ARTICLE}\n\n{equals}") == ARTICLE


def test_equations_in_a_list_are_kept(run_rule):
    text = f"{ARTICLE}\n\n→ Growth = 4.1 percent\n→ Inflation = 2.3 percent\n→ Unemployment = 5.0 percent"
    assert run_rule(remove_fake_profiles, text) == text


def test_a_log_of_hundreds_of_fields_is_a_list_of_records_not_a_card(run_rule):
    """A test suite's summary: some of its values look like personal data (dates, addresses), none of it is a card."""
    results = [f"PASS: link test {number}" for number in range(60)]
    results[10:14] = ["PASS: ld/12365", "PASS: 2024-03-01", "XFAIL: vers7a", "PASS: x.y@z.org"]
    log = "\n".join(results)
    text = f"{ARTICLE}\n\n{log}\n"
    assert run_rule(remove_fake_profiles, text) == text
