"""Tests for pipeline/clean.py: each clutter rule (with rows that must survive),
the seed-article requirements, HTML through trafilatura, errors and language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsclaims.config import ConfigError, default_settings, load_config
from newsclaims.io.readers import iter_documents
from newsclaims.records import CleanDocument, Document
from newsclaims.settings import CleanSettings
from newsclaims.stages.clean import CleanError, clean_document

CORPUS = Path(__file__).resolve().parents[3] / "corpus"
DEFAULT = default_settings().clean
FAST = DEFAULT.replace(detect_language=False)

# A body long enough to count as "the article" before trailing blocks.
BODY = (
    "Ukraine's General Staff said on Monday that Russian forces lost 1,200 troops over the past day.\n\n"
    "The figures could not be independently verified, but they match Western estimates of Russian losses.\n\n"
    "Britain's defence ministry said earlier that Russia had suffered about 1,000 casualties a day in May."
)
BODY_PARAGRAPHS = BODY.split("\n\n")


def _clean(text: str, settings: CleanSettings = FAST) -> CleanDocument:
    return clean_document(Document(id="t", text=text), settings)


def _paragraphs(text: str) -> list[str]:
    return _clean(text).text.split("\n\n")


def _seed(name_prefix: str) -> Document:
    for record in iter_documents([CORPUS], 1_000_000):
        if isinstance(record, Document) and record.id.startswith(name_prefix):
            return record
    raise AssertionError(f"seed {name_prefix} missing")


# ------------------------------------------------------------------ rules


@pytest.mark.parametrize(
    ("clutter", "removed"),
    [
        ("Subscribe", True),
        ("* indicates required", True),
        ("Enter your email to subscribe", True),
        ("Please, enter correct email address", True),
        ("Successfuly subscribed", True),
        ("Thank you for signing up for this newsletter. We’ve sent you a confirmation email.", True),
        ("Sign up for our daily briefing", True),
        # Negative rows: body sentences that mention subscribing or thanking.
        ("Thousands subscribe to the channel, which said 500 soldiers were killed near Bakhmut.", False),
        ("Thank you for your service, the general told the 300 soldiers who survived the assault.", False),
    ],
)
def test_clean_signup_lines(clutter: str, removed: bool) -> None:
    paragraphs = _paragraphs(f"{BODY}\n\n{clutter}\n\nThe ministry gave no further details on the losses it reported.")
    assert (clutter not in paragraphs) is removed
    assert paragraphs[:3] == BODY_PARAGRAPHS


def test_clean_signup_block_takes_newsletter_names_between_signup_lines() -> None:
    block = "Enter your email to subscribe\nSubscribe\n* indicates required\nWeekly War Digest\n* indicates required\nSubscribe"
    assert _paragraphs(f"{BODY}\n\n{block}") == BODY_PARAGRAPHS


@pytest.mark.parametrize("header", ["News Feed", "MORE NEWS", "Editors' Picks", "Latest news", "Most read", "Related", "Read more"])
def test_clean_trailing_feed_block_is_dropped(header: str) -> None:
    feed = (
        f"{header}\n\n8:06 AM (Updated: )\n\nZelensky visits an ally after a strike that killed 9 people.\n"
        "5:30 AM\n\nAnother story says 40 soldiers were captured in the south, officials said on Friday."
    )
    assert _paragraphs(f"{BODY}\n\n{feed}") == BODY_PARAGRAPHS


def test_clean_feed_header_above_the_article_is_only_a_menu_line() -> None:
    text = f"- Category\n- Latest news\n{BODY}\n\nMore news"
    assert _paragraphs(text) == BODY_PARAGRAPHS


def test_clean_related_box_inside_body_keeps_the_rest_of_the_article() -> None:
    text = (
        f"{BODY}\n\nRelated\n\nRussia loses record number of tanks in a single week\n\n"
        "The ministry added that 15 tanks and 30 armoured vehicles were destroyed on Sunday alone.\n\n"
        "Officials in Kyiv said the figures were preliminary and would be revised later this week."
    )
    paragraphs = _paragraphs(text)
    assert paragraphs[:3] == BODY_PARAGRAPHS
    assert paragraphs[3:] == [
        "The ministry added that 15 tanks and 30 armoured vehicles were destroyed on Sunday alone.",
        "Officials in Kyiv said the figures were preliminary and would be revised later this week.",
    ]


@pytest.mark.parametrize(
    ("line", "removed"),
    [
        ("8:06 AM (Updated: )", True),
        ("5:30 AM", True),
        ("Updated: June 2, 2024, 10:15", True),
        ("3 hours ago", True),
        ("5 min read", True),
        # Negative rows: numbers with colons that are content.
        ("2022: 106,720 troops lost — averaging 340 per day", False),
        ("Published figures show 500 killed in the first week of the offensive.", False),
    ],
)
def test_clean_timestamp_lines(line: str, removed: bool) -> None:
    paragraphs = _paragraphs(f"{BODY}\n\n{line}\n\nThe ministry gave no further details on the losses it reported.")
    assert (line not in paragraphs) is removed


@pytest.mark.parametrize(
    ("head", "kept_first"),
    [
        ("The Power Within: our first-ever magazine. Be among the first to get it.\n\npre-order now\nSkip to content\n", True),
        ("- Category\n- Home\n", True),
        ("Menu\nSearch\nShare this article\n", True),
        # Negative row: a bullet holding a number is content, not a menu.
        ("- 2022: 106,720 troops lost\n", False),
    ],
)
def test_clean_navigation_above_the_article(head: str, kept_first: bool) -> None:
    paragraphs = _paragraphs(head + BODY)
    assert (paragraphs[0] == BODY_PARAGRAPHS[0]) is kept_first
    assert paragraphs[-3:] == BODY_PARAGRAPHS


def test_clean_bullets_inside_the_body_are_kept() -> None:
    text = f"{BODY}\n- Bugs fixed\n- Tanks lost"
    assert _paragraphs(text)[-2:] == ["- Bugs fixed", "- Tanks lost"]


@pytest.mark.parametrize(
    ("line", "removed"),
    [
        ("Russian equipment on display in Dnipro on July 23, 2023. (Denys Poliakov/Global Images Ukraine via Getty Images)", True),
        ("Marharyta Fal/Frontliner/Getty Images", True),
        ("Soldiers near Kupiansk on December 15, 2022. SERGEY BOBOK/AFP via Getty Images", True),
        ("Photo: Ukraine's General Staff", True),
        ("Reuters/Gleb Garanich", True),
        ("A destroyed tank near Izium. (Photo by John Smith)", True),
        ("Getty Images", True),
        ("A memorial in Lviv for 40 fallen soldiers. (Photo courtesy of the city council)", True),
        # Negative rows: slashes, agencies and parentheses inside body sentences.
        ("Russia and/or Belarus lost 5 tanks near the border, the ministry said.", False),
        ("KYIV (Reuters) - Russia lost 500 troops on Sunday, Ukraine's military said.", False),
        ("Fighting continues on the Kharkiv/Kupiansk axis, where 40 soldiers were killed.", False),
        ("The strike killed 12 people, according to local officials (Reuters)", False),
    ],
)
def test_clean_photo_captions_and_credits(line: str, removed: bool) -> None:
    paragraphs = _paragraphs(f"{BODY}\n\n{line}\n\nThe ministry gave no further details on the losses it reported.")
    assert (line not in paragraphs) is removed
    assert paragraphs[:3] == BODY_PARAGRAPHS


def test_clean_caption_title_goes_with_its_credit_but_body_line_stays() -> None:
    text = (
        f"{BODY}\n\nUkrainian soldiers carry a wounded comrade Kharkiv\n"
        "Servicemen near Kupiansk on December 15, 2022. SERGEY BOBOK/AFP via Getty Images\n\n"
        "Soldiers fire a howitzer near Bakhmut on May 5, 2023.\nJohn Doe/Reuters\n\n"
        "Russia has suffered heavy casualties, the ministry said in its latest update on Monday.\n"
        "Marharyta Fal/Frontliner/Getty Images\n"
        "Most of the losses were recorded around Pokrovsk, where 300 troops were killed."
    )
    assert _paragraphs(text) == [
        *BODY_PARAGRAPHS,
        "Russia has suffered heavy casualties, the ministry said in its latest update on Monday.",
        "Most of the losses were recorded around Pokrovsk, where 300 troops were killed.",
    ]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("This audio is created with AI assistance\n\n" + BODY, BODY_PARAGRAPHS[0]),
        ("This audio is created with AI assistance " + BODY, BODY_PARAGRAPHS[0]),
        # Negative row: the phrase inside a sentence is content.
        ("Reporters said this audio is created with AI assistance in 12 newsrooms.\n\n" + BODY,
         "Reporters said this audio is created with AI assistance in 12 newsrooms."),
    ],
)
def test_clean_audio_widget_label(text: str, first: str) -> None:
    assert _paragraphs(text)[0] == first


@pytest.mark.parametrize(
    ("line", "removed"),
    [
        ("The occupiers have two options. pic.twitter.com/rmozBKqjmu — Defense of Ukraine (@DefenceU) June 1, 2024", True),
        ("Losses keep rising — Some Analyst (@analyst) March 3, 2023", True),
        # Negative rows: handles and dates inside ordinary sentences.
        ("The ministry (@DefenceU) posted the figure of 1,160 artillery systems on June 1, 2024.", False),
        ("Russia lost 38,940 troops in May — the ministry said on June 1, 2024.", False),
    ],
)
def test_clean_social_embed_trailer(line: str, removed: bool) -> None:
    paragraphs = _paragraphs(f"{BODY}\n\n38,940 — personnel losses in May 2024.\n\n{line}\n\nThe figures were not verified independently.")
    assert (line not in paragraphs) is removed
    assert "38,940 — personnel losses in May 2024." in paragraphs  # ordinary tweet text may stay


def test_clean_truncated_teaser_before_a_feed_is_dropped() -> None:
    teaser = (
        "As Russian losses hit 500,000, Putin buries future risks at home\n"
        "According to the General Staff, over half a million Russian soldiers were either killed or wounded in the"
    )
    assert _paragraphs(f"{BODY}\n\n{teaser}\n\nNews Feed\n\n8:06 AM") == BODY_PARAGRAPHS


@pytest.mark.parametrize(
    "text",
    [
        # A cut-off paragraph followed by more body is scraped body, not a teaser.
        f"{BODY}\n\nThe ministry said the daily rate fell in autumn. Still, KIAs remain h\n"
        "Russian forces have been focused on seizing Pokrovsk for more than a year now.",
        # A paragraph ending in an agency byline is complete.
        f"{BODY}\n\nOn October 18, more than 300 people were deported by the authorities to their country. PTI\n\nComments",
    ],
)
def test_clean_complete_or_mid_body_paragraphs_are_not_teasers(text: str) -> None:
    paragraphs = _paragraphs(text)
    assert paragraphs[3].startswith(("The ministry said the daily rate", "On October 18"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian losses in May were the highest\nsince the start of the war, the ministry said.",
         ["Russian losses in May were the highest since the start of the war, the ministry said."]),
        # Negative rows: list lines and sentence ends are separate paragraphs.
        ("2022: 106,720 troops\n2023: 253,290 troops", ["2022: 106,720 troops", "2023: 253,290 troops"]),
        ("First sentence ends here.\nsecond starts in lower case.", ["First sentence ends here.", "second starts in lower case."]),
        ("One paragraph.\n\n\n\nAnother paragraph.\r\n\r\nThird.", ["One paragraph.", "Another paragraph.", "Third."]),
    ],
)
def test_clean_paragraphs_and_hard_wraps(text: str, expected: list[str]) -> None:
    assert _clean(text).text == "\n\n".join(expected)


# ------------------------------------------------------------------ seeds


def test_clean_seed_000_is_the_article_body_only() -> None:
    cleaned = clean_document(_seed("000_"), FAST).text
    assert cleaned.startswith("Russian troop losses in May amounted to 38,940")
    assert cleaned.endswith("transform Russian weapons into scrap metal.”")


def test_clean_seed_000_paragraphs_match_001() -> None:
    p000 = clean_document(_seed("000_"), FAST).text.split("\n\n")
    p001 = clean_document(_seed("001_"), FAST).text.split("\n\n")
    tweet_lines = {"38,940 — russian personnel losses in May 2024."}  # from the embedded tweet in 001
    assert set(p000) <= set(p001)
    assert {p for p in p001 if any(c.isdigit() for c in p)} - tweet_lines <= set(p000)
    assert not any("pic.twitter.com" in p or "This audio is created" in p for p in p001)


@pytest.mark.parametrize(
    ("prefix", "removed"),
    [
        ("002_", {"navigation": 2}),  # "- Category", "- Latest news"
        ("003_", {"caption": 2}),  # caption title + caption with its credit
        ("004_", {"caption": 2}),  # two credit lines
    ],
)
def test_clean_well_formed_seeds_stay_intact(prefix: str, removed: dict[str, int]) -> None:
    doc = _seed(prefix)
    cleaned = clean_document(doc, FAST)
    assert cleaned.metadata["removed"] == removed
    paragraphs = set(cleaned.text.split("\n\n"))
    original = [line.strip() for line in (doc.text or "").splitlines() if line.strip()]
    kept = [line for line in original if line in paragraphs]
    assert len(kept) == len(original) - sum(removed.values())


# ------------------------------------------------------------------ HTML

PAGE = """<!doctype html><html><head>
<title>Russian losses hit record in May - Example News</title>
<meta property="article:published_time" content="2024-06-02T09:00:00+00:00">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe</a></nav>
<article><h1>Russian losses hit record in May</h1>
<p>Russian troop losses in May amounted to 38,940, the highest monthly figure since the start of the
full-scale invasion, Ukraine's Defense Ministry said on June 1.</p>
<p>The previous record of 29,970 was set in December, when Russian forces lost huge numbers of people
during the battle for the town of Avdiivka in eastern Donetsk Oblast.</p>
<p>The ministry also claimed a record 1,160 Russian artillery systems destroyed in May, up from 976
in March, according to a graph it posted on social media.</p>
</article>
<footer><p>© 2024 Example News. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def test_clean_html_through_trafilatura() -> None:
    cleaned = clean_document(Document(id="p", html=PAGE, url="https://news.example/a"), FAST)
    assert cleaned.metadata["extractor"] == "trafilatura"
    assert cleaned.title is not None and "Russian losses hit record in May" in cleaned.title
    assert cleaned.published == dt.date(2024, 6, 2)
    assert cleaned.url == "https://news.example/a"
    for number in ("38,940", "29,970", "1,160", "976"):
        assert number in cleaned.text
    assert "Privacy policy" not in cleaned.text and "Home" not in cleaned.text
    assert all(p.strip() for p in cleaned.text.split("\n\n")) and cleaned.text.count("\n\n") >= 2


def test_clean_html_record_date_wins_over_page_date() -> None:
    cleaned = clean_document(Document(id="p", html=PAGE, published=dt.date(2024, 6, 3)), FAST)
    assert cleaned.published == dt.date(2024, 6, 3)


def test_clean_html_fallback_renders_the_body_when_trafilatura_finds_nothing() -> None:
    fragment = clean_document(Document(id="f", html="<p>Only a fragment with 12 tanks.</p>"), FAST)
    assert fragment.metadata["extractor"] == "html_fallback"
    assert fragment.text == "Only a fragment with 12 tanks."
    footer_only = (
        '<html><body><div class="footer">Ukraine said 12 tanks were destroyed.'
        "<script>var x = 1;</script></div><div>Subscribe</div></body></html>"
    )
    cleaned = clean_document(Document(id="g", html=footer_only), FAST)
    assert cleaned.metadata["extractor"] == "html_fallback"
    assert cleaned.text == "Ukraine said 12 tanks were destroyed."


@pytest.mark.parametrize(
    "doc",
    [
        Document(id="e", text=""),
        Document(id="e", text="  \n\n\t "),
        Document(id="e", text="Subscribe\n* indicates required\nSkip to content"),
        Document(id="e", html=""),
        Document(id="e", html="<html><head><title>Only a title</title></head></html>"),
        Document(id="e", html="<html><body><script>var a = 1;</script></body></html>"),
        Document(id="e"),
    ],
)
def test_clean_nothing_usable_raises_clean_error(doc: Document) -> None:
    with pytest.raises(CleanError):
        clean_document(doc, FAST)


def test_clean_min_chars_setting() -> None:
    strict = FAST.replace(min_chars=500)
    with pytest.raises(CleanError, match="minimum 500"):
        clean_document(Document(id="s", text=BODY_PARAGRAPHS[0]), strict)
    assert clean_document(Document(id="s", text=BODY_PARAGRAPHS[0]), FAST).text == BODY_PARAGRAPHS[0]


def test_clean_boilerplate_rules_can_be_switched_off() -> None:
    raw = FAST.replace(strip_boilerplate=False)
    assert clean_document(Document(id="r", text=f"Subscribe\n\n{BODY}"), raw).text.startswith("Subscribe")


# ------------------------------------------------------------ language, config


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (BODY, "en"),
        ("Втрати російських військ у травні склали 38 940 осіб, повідомило Міністерство оборони України.", "uk"),
        ("Потери российских войск в мае составили 38 940 человек, сообщило Министерство обороны Украины.", "ru"),
        ("Die russischen Verluste waren im Mai so hoch wie nie zuvor, teilte das Ministerium in Kiew mit.", "de"),
    ],
)
def test_clean_detects_language(text: str, language: str) -> None:
    cleaned = _clean(text, DEFAULT)
    assert cleaned.language == language
    assert 0.0 <= cleaned.metadata["language_score"] <= 1.0


def test_clean_language_can_be_restricted_or_skipped() -> None:
    german = "Die russischen Verluste waren im Mai so hoch wie nie zuvor, teilte das Ministerium mit."
    assert _clean(german, DEFAULT.replace(languages=("en", "uk"))).language in {"en", "uk"}
    assert _clean(german, FAST).language is None


def test_clean_settings_from_default_config() -> None:
    assert load_config().clean == DEFAULT and isinstance(DEFAULT, CleanSettings)
    with pytest.raises(ConfigError, match="favour_precision: unknown key"):
        load_config(overrides={"clean": {"favour_precision": True}})
    with pytest.raises(ConfigError, match=r'min_chars = "ten": must be an integer'):
        load_config(overrides={"clean": {"min_chars": "ten"}})


def test_clean_tally_lines_are_not_joined_as_wrapped_text() -> None:
    text = "Russian losses since the start of the war, the General Staff said:\nMLRS — 1,250\nair defence systems — 992 (+1)\naircraft — 369\n"
    cleaned = clean_document(Document(id="t", text=text), DEFAULT).text
    assert "MLRS — 1,250\n\nair defence systems — 992 (+1)" in cleaned
