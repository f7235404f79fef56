"""An article saved as text keeps its own lists; a saved page still loses its site's menus."""

from pathlib import Path

from ingest.discover import SourceFile
from ingest.page_reading import doubt_page_reading
from ingest.pipeline import process_file
from ingest.traced_text import Change
from tests.article_texts import FERRY_STORY

RECIPE = """Slow-baked beans with smoked paprika

These beans take most of a Sunday afternoon, but almost all of that time is spent in a low oven while you do something else. The smoked paprika gives them the depth that a ham hock would, so the dish stays vegetarian without tasting thin.

Soak the beans overnight if you can. Tinned beans work in a hurry, but they break up in the long bake and the sauce turns cloudy.

What you need for six people
500 g dried haricot beans, soaked overnight
Two large onions, finely chopped
Four cloves of garlic, crushed
Two teaspoons of smoked paprika
One tin of chopped tomatoes
Three tablespoons of dark brown sugar
A splash of cider vinegar at the end

Drain the beans and simmer them in fresh water for forty minutes, until they are just tender. Keep a cup of the cooking water before you drain them again.

Soften the onions and garlic in a heavy casserole, stir in the paprika, then add the tomatoes, the sugar and the beans with their cup of water.

Good things to serve alongside
Thick slices of buttered sourdough toast
A sharp green salad with mustard dressing
Fried eggs with crisp edges for breakfast
A wedge of strong cheddar cheese on the side

Cover the pot and bake it at 140 degrees for three hours, stirring once an hour and adding a little water if the sauce gets too thick. Taste, add the vinegar and season well before serving.
"""

REVIEW_RU = """Обзор нового смартфона для путешествий

Мы две недели носили этот телефон в поездках по северу страны и проверили, как он переносит холод, дождь и долгие дни без розетки. Коротко: батарея оказалась лучше, чем обещал производитель, а камера слабее.

Корпус собран плотно, кнопки не люфтят, а экран хорошо читается даже на ярком солнце. Телефон тяжелее конкурентов, и это чувствуется в кармане куртки.

Основные характеристики устройства
Диагональ экрана шесть и одна десятая дюйма
Аккумулятор ёмкостью пять тысяч миллиампер-часов
Защита корпуса от воды по стандарту IP68
Основная камера с матрицей на пятьдесят мегапикселей
Встроенная память на двести пятьдесят шесть гигабайт

Батарея выдерживала два полных дня с навигацией и фотографиями. На морозе телефон не выключался, хотя заряд падал заметно быстрее, чем в городе.

Что нам понравилось больше всего
Долгая работа без подзарядки в дороге
Яркий экран, читаемый на солнце
Надёжный корпус, который пережил падение
Быстрая зарядка за один час

Камера снимает хорошо днём, но в сумерках кадры получаются шумными и размытыми. Если вы много фотографируете вечером, стоит посмотреть на другие модели.
"""

def _product_box(name: str, price: str) -> str:
    return "\n".join([name, "Fast charging in the case", "Easy setup for all your devices", price,
                      "Available from the shop", "We may earn a commission", "Buy Now"])


# A deals post whose body holds the shop's product boxes between its paragraphs: its runs of
# short lines read as a saved page's, but nothing above its first paragraph is a site's header.
DEALS = "\n\n".join([
    "The best headphone deals this week",
    "Prices on wireless headphones have dropped ahead of the holiday sales, and several of the models we tested"
    " this year are now cheaper than they have ever been. We picked the ones worth buying.",
    "The first pair is our favourite for travel: the battery lasts all day and the case charges in under an hour.",
    _product_box("Studio Buds", "$99.00"),
    "The second pair is louder and heavier, and it suits the gym better than the office because the ear hooks hold firmly.",
    _product_box("Sport Hooks", "$119.00"),
    "The last pair costs the most, but its noise cancelling is the best we have heard on a train or a plane this year.",
    _product_box("Quiet Pro", "$249.00"),
    "Prices change quickly during the sales, so check them again before you buy, and keep the receipt in case a pair fails.",
]) + "\n"

NAVIGATION = "Home\nNews\nSport\nBusiness\nOpinion\nWeather\nSubscribe\nLog in"
FOOTER = "About us\nContact\nAdvertise\nCareers\nTerms of Use\nPrivacy Policy\nCopyright © 2024 The Coastal Courier"
ARTICLE = FERRY_STORY
SAVED_PAGE = (
    "Harbour board approves new ferry timetable | The Coastal Courier\n\n"
    f"{NAVIGATION}\n\nHarbour board approves new ferry timetable\n\n" + "\n\n".join(ARTICLE) + f"\n\n{FOOTER}\n"
)


def clean_file(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return process_file(SourceFile(path, path.name))


def list_items(text: str) -> list[str]:
    """The lines of the text's lists: the short lines between its paragraphs."""
    return [line for line in text.splitlines() if line and len(line.split()) <= 8 and not line.endswith(".")]


def test_a_recipe_saved_as_text_keeps_its_ingredients_and_serving_list(tmp_path: Path):
    document = clean_file(tmp_path, "beans.txt", RECIPE)
    for item in list_items(RECIPE)[1:]:  # the first is the title
        assert item in document.text, item
    assert document.input_kind == "prose"
    assert "items of its own lists" in document.review_reason


def test_a_russian_review_saved_as_text_keeps_its_specification_list(tmp_path: Path):
    document = clean_file(tmp_path, "review.txt", REVIEW_RU)
    for item in list_items(REVIEW_RU)[1:]:
        assert item in document.text, item
    assert document.input_kind == "prose"


def test_a_saved_page_still_loses_its_menus_and_footer(tmp_path: Path):
    document = clean_file(tmp_path, "page.txt", SAVED_PAGE)
    assert document.input_kind == "page_text"
    assert document.review_reason is None
    lines = document.text.splitlines()
    assert not [entry for entry in (NAVIGATION + "\n" + FOOTER).splitlines() if entry in lines]
    assert all(paragraph in document.text for paragraph in ARTICLE)


def removal(text: str, line: str) -> Change:
    start = text.index(line)
    return Change(start, start + len(line) + 1, line + "\n", "", "page_boilerplate", "remove_page_boilerplate")


def test_a_page_reading_that_kept_no_article_is_doubted():
    text = "\n".join(["A directory of useful links", *(f"Site number {n} with its own short description" for n in range(20))])
    every_line = [removal(text, line) for line in text.splitlines()[1:]]
    doubt = doubt_page_reading(text, every_line)
    assert doubt is not None and "no article" in doubt.reason


def test_menus_of_single_words_removed_below_a_kept_opening_are_not_doubted():
    """A page saved without its header still loses menus of one-word entries: one sign alone is not enough."""
    text = "\n".join([*ARTICLE, *NAVIGATION.splitlines(), *FOOTER.splitlines()])
    furniture = [removal(text, line) for line in (NAVIGATION + "\n" + FOOTER).splitlines()]
    assert doubt_page_reading(text, furniture) is None


def test_no_page_text_removal_no_doubt():
    assert doubt_page_reading(RECIPE, []) is None


def test_a_removal_inside_a_line_is_no_evidence_either_way():
    text = RECIPE
    start = text.index("Soak the beans") + 5
    inside = Change(start, start + 4, text[start : start + 4], "", "page_boilerplate", "remove_page_boilerplate")
    assert doubt_page_reading(text, [inside]) is None


def test_an_article_with_product_boxes_between_its_paragraphs_keeps_them(tmp_path: Path):
    """No header was removed above its prose, but lines between its prose were: no page framed them."""
    document = clean_file(tmp_path, "deals.txt", DEALS)
    assert document.input_kind == "prose"
    assert "no header" in document.review_reason
    for name in ("Studio Buds", "Sport Hooks", "Quiet Pro", "$119.00"):
        assert name in document.text


def test_the_same_article_inside_a_site_still_loses_the_site(tmp_path: Path):
    """Near miss: with a header removed above its prose, removals between its prose are a page's."""
    framed = f"The best headphone deals this week | The Courier\n\n{NAVIGATION}\n\n{DEALS}\n{FOOTER}\n"
    document = clean_file(tmp_path, "framed.txt", framed)
    assert document.input_kind == "page_text"
    assert document.review_reason is None
    lines = document.text.splitlines()
    assert not [entry for entry in (NAVIGATION + "\n" + FOOTER).splitlines() if entry in lines]


def test_removals_between_prose_below_a_removed_header_are_not_doubted():
    text = "\n".join(["A title", *NAVIGATION.splitlines(), ARTICLE[0], "Share this", "Advertisement", *ARTICLE[1:]])
    furniture = [removal(text, line) for line in [*NAVIGATION.splitlines(), "Share this", "Advertisement"]]
    assert doubt_page_reading(text, furniture) is None


def test_removals_between_prose_with_no_header_removed_are_doubted():
    text = "\n".join(["A title", ARTICLE[0], "Share this", "Advertisement", *ARTICLE[1:]])
    furniture = [removal(text, line) for line in ["Share this", "Advertisement"]]
    doubt = doubt_page_reading(text, furniture)
    assert doubt is not None and "no header" in doubt.reason
