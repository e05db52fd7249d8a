"""The lexicon file's attribute vocabulary: ``broader`` links, ``fallback`` and their checks."""

from __future__ import annotations

import pytest

from bot.core.errors import ValidationError
from bot.core.lexicon import default_lexicon, parse_lexicon, term_of
from bot.core.text import stem

ATTRS = """\
attributes:
  - name: duration
    kinds: [measurement]
    label: Duration
    dimension: duration
    description: How long.
  - name: flight_duration
    kinds: [measurement]
    label: Flight time
    dimension: duration
    broader: duration
    description: How long the flight lasted.
  - name: hover_time
    kinds: [measurement]
    label: Hover time
    dimension: duration
    broader: flight_duration
    description: How long it hovered.
"""


def test_narrower_lists_every_kind_of_an_attribute_at_any_depth():
    lexicon = parse_lexicon(ATTRS, "lexicon.yaml")
    assert lexicon.narrower["duration"] == {"duration", "flight_duration", "hover_time"}
    assert lexicon.narrower["flight_duration"] == {"flight_duration", "hover_time"}
    assert lexicon.narrower["hover_time"] == {"hover_time"}


def test_the_shipped_lexicon_says_what_is_a_kind_of_what():
    narrower = default_lexicon().narrower
    assert "flight_duration" in narrower["duration"]
    assert "wind_speed" in narrower["speed"]
    assert {"deaths", "injured"} <= narrower["casualties"]


@pytest.mark.parametrize(("broader", "line", "message"), [
    ("lifetime", 11, "unknown attribute 'lifetime'; name one listed under attributes"),
    ("'  '", 11, "empty; name the attribute this one is a kind of (e.g. duration), "
                 "or remove the field"),
])
def test_a_bad_broader_is_a_located_error(broader: str, line: int, message: str):
    text = ATTRS.replace("broader: duration", f"broader: {broader}")
    with pytest.raises(ValidationError) as exc:
        parse_lexicon(text, "lexicon.yaml")
    assert [str(p) for p in exc.value.problems] == [
        f"lexicon.yaml:{line}: attribute 'flight_duration': broader: {message}"]


def test_a_broader_attribute_of_another_dimension_is_refused():
    text = ATTRS + """\
  - name: speed
    kinds: [measurement]
    label: Speed
    dimension: speed
    broader: duration
    description: How fast.
"""
    with pytest.raises(ValidationError) as exc:
        parse_lexicon(text, "lexicon.yaml")
    assert [str(p) for p in exc.value.problems] == [
        "lexicon.yaml:23: attribute 'speed': broader: 'duration' measures duration, not "
        "speed; a broader attribute has the same dimension"]


def test_broader_links_that_go_round_are_refused():
    text = ATTRS.replace("    dimension: duration\n    description: How long.\n",
                         "    dimension: duration\n    broader: hover_time\n"
                         "    description: How long.\n")
    with pytest.raises(ValidationError) as exc:
        parse_lexicon(text, "lexicon.yaml")
    assert all("goes round in a circle" in str(p) for p in exc.value.problems)
    assert exc.value.problems


def test_a_shorthand_spelling_listed_twice_is_a_located_error():
    text = "shorthand:\n  tue: tuesday\n  wed: wednesday\n  tue: tuesday\n"
    with pytest.raises(ValidationError) as exc:
        parse_lexicon(text, "lexicon.yaml")
    assert [str(p) for p in exc.value.problems] == [
        "lexicon.yaml:4: shorthand: tue: is listed twice: keep one entry (the later one "
        "would silently replace the earlier)"]


def test_shut_is_one_of_the_words_for_closed():
    terms = default_lexicon().synonym_terms
    assert stem("closed") in terms[stem("shut")]


def test_bn_is_shorthand_for_billion():
    assert default_lexicon().shorthand["bn"] == "billion"


@pytest.mark.parametrize("typed", ["wouldve", "shouldve", "couldnt", "theyve"])
def test_a_contraction_typed_without_its_apostrophe_is_written_out(typed: str):
    """"what time wouldve that been": no word of a fact, and read as one it outweighs the
    question's real words."""
    written = default_lexicon().shorthand[typed].split()
    assert len(written) == 2 and written[1] in ("have", "not")


def test_one_on_one_is_one_meeting_however_written():
    terms = default_lexicon().synonym_terms
    assert term_of("bilateral") in terms[term_of("1 on 1")]
    assert term_of("one-on-one") in terms[term_of("face to face")]


def test_a_slide_may_be_an_avalanche_or_a_landslide():
    slide = default_lexicon().synonym_terms[term_of("slide")]
    assert {term_of("avalanche"), term_of("landslide")} <= slide
    assert term_of("landslide") not in default_lexicon().synonym_terms[term_of("avalanche")]


def test_a_tanker_or_a_freighter_is_a_ship():
    ship = default_lexicon().synonym_terms[term_of("ship")]
    assert {term_of("tanker"), term_of("freighter"), term_of("vessel")} <= ship


def test_a_figure_that_fell_dropped():
    """Shares "fell" answer "how much did they drop" (and "fell" still means came down)."""
    fell = default_lexicon().synonym_terms[term_of("fell")]
    assert {term_of("drop"), term_of("slump"), term_of("land")} <= fell
    assert term_of("land") not in default_lexicon().synonym_terms[term_of("drop")]


def test_bln_is_shorthand_for_billion_too():
    assert default_lexicon().shorthand["bln"] == "billion"


def test_a_roof_that_caved_in_collapsed():
    collapsed = default_lexicon().synonym_terms[term_of("caved in")]
    assert {term_of("collapsed"), term_of("crumbled")} <= collapsed


def test_a_ministry_or_the_authorities_are_the_government_not_each_other():
    terms = default_lexicon().synonym_terms
    assert {term_of("ministry"), term_of("authorities")} <= terms[term_of("government")]
    assert term_of("authorities") not in terms[term_of("ministry")]


def test_a_hike_is_a_rise_and_coming_ashore_is_landfall():
    terms = default_lexicon().synonym_terms
    assert term_of("increase") in terms[term_of("hike")]
    assert term_of("landfall") in terms[term_of("came ashore")]


def test_went_down_may_be_a_collapse_or_a_fall():
    terms = default_lexicon().synonym_terms
    went_down = terms[term_of("went down")]
    assert {term_of("collapsed"), term_of("dropped")} <= went_down
    assert term_of("went down") == term_of("go down")


def test_the_fm_is_the_foreign_minister():
    """Chat writes a foreign minister "the FM", as it writes a prime minister "the PM"."""
    assert default_lexicon().shorthand["fm"] == "foreign minister"


def test_what_was_delayed_was_postponed():
    delayed = default_lexicon().synonym_terms[term_of("delayed")]
    assert {term_of("postponed"), term_of("postponement"), term_of("delay")} <= delayed


def test_planned_ahead_was_planned_in_advance():
    terms = default_lexicon().synonym_terms
    assert term_of("in advance") in terms[term_of("ahead")]
    assert term_of("beforehand") in terms[term_of("in advance")]
    assert term_of("impending") in terms[term_of("imminent")]


def test_babies_are_infants_and_the_sick_are_ill():
    terms = default_lexicon().synonym_terms
    assert term_of("infants") in terms[term_of("babies")]
    assert term_of("ill") in terms[term_of("sick")]
    assert term_of("children") not in terms[term_of("babies")]


def test_losing_power_is_a_power_cut():
    assert term_of("without power") in default_lexicon().synonym_terms[term_of("lost power")]


def test_chat_spellings_of_should_would_could_and_there_is():
    shorthand = default_lexicon().shorthand
    assert (shorthand["shld"], shorthand["wld"], shorthand["cld"], shorthand["theres"]) == (
        "should", "would", "could", "there is")


def test_a_fallback_is_what_a_figure_of_its_dimension_measures_when_no_label_says():
    from bot.core.matching.analyzer import Analyzer
    from bot.core.models import Fact, Quantity

    lexicon = parse_lexicon(ATTRS.replace(
        "    dimension: duration\n    description: How long.\n",
        "    dimension: duration\n    fallback: true\n    description: How long.\n"),
        "lexicon.yaml")
    assert [a.name for a in lexicon.attributes if a.fallback] == ["duration"]
    analyzer = Analyzer(lexicon)
    fact = Fact(id="queue", event="e", source="s", kind="measurement",
                label="Wait at the border crossing", reported_by="police",
                text="Lorries waited up to 14 hours.",
                quantities=[Quantity(value=14, unit="hours")])
    assert analyzer.label_attributes(fact) == {"attr:duration"}


def test_the_shipped_length_is_the_fallback_of_lengths():
    assert [a.name for a in default_lexicon().attributes
            if a.fallback and a.dimension == "length"] == ["length"]


@pytest.mark.parametrize(("field", "message"), [
    ("fallback: maybe", "must be true or false"),
])
def test_a_bad_fallback_is_a_located_error(field: str, message: str):
    text = ATTRS.replace("    broader: duration\n", f"    broader: duration\n    {field}\n")
    with pytest.raises(ValidationError) as exc:
        parse_lexicon(text, "lexicon.yaml")
    assert [str(p) for p in exc.value.problems] == [
        f"lexicon.yaml:12: attribute 'flight_duration': fallback: {message}"]


def test_two_fallbacks_of_one_dimension_are_refused():
    text = ATTRS.replace("    broader: duration\n", "    broader: duration\n    fallback: true\n")
    text = text.replace("    broader: flight_duration\n",
                        "    broader: flight_duration\n    fallback: true\n")
    with pytest.raises(ValidationError) as exc:
        parse_lexicon(text, "lexicon.yaml")
    assert [str(p) for p in exc.value.problems] == [
        "lexicon.yaml:19: attribute 'hover_time': fallback: 'flight_duration' is the "
        "fallback of duration already; a dimension has one"]


def test_the_country_that_hosted_a_gathering_is_where_it_was_held():
    assert term_of("held") in default_lexicon().synonym_terms[term_of("hosted")]


def test_the_shipped_lexicon_says_which_attribute_is_the_thing_itself():
    # "what did they launch": a fact of the missile's type says what it was
    assert default_lexicon().things == frozenset({"missile_type"})


@pytest.mark.parametrize(("field", "message"), [
    ("thing: maybe", "must be true or false"),
    ("thing: true", "a figure is not the thing itself: only an attribute with no dimension "
                    "(a kind, a name) can say what the thing was"),
])
def test_a_bad_thing_is_a_located_error(field: str, message: str):
    text = ATTRS.replace("    broader: duration\n", f"    broader: duration\n    {field}\n")
    with pytest.raises(ValidationError) as exc:
        parse_lexicon(text, "lexicon.yaml")
    assert [str(p) for p in exc.value.problems] == [
        f"lexicon.yaml:12: attribute 'flight_duration': thing: {message}"]


def test_what_caught_fire_burned_and_was_not_recaptured():
    terms = default_lexicon().synonym_terms
    assert term_of("blaze") in terms[term_of("caught fire")]
    assert term_of("recaptured") not in terms[term_of("caught fire")]


def test_to_run_is_not_to_resume():
    # "what drills did they run": "running again" was read as "run" alone ("again" is too
    # common a word to count), which made every "run" a restart
    terms = default_lexicon().synonym_terms
    assert term_of("run") not in terms[term_of("resumed")]
