"""Moderators' fact forms keep the qualifiers of values (at least, between ...)."""

from bot.chat.forms import form_from_fact, new_fact_record
from bot.core.knowledge import fact_from_record
from bot.core.models import Quantity


def test_form_values_keep_their_qualifiers_both_ways():
    record = new_fact_record("measurement", {
        "text": "At least 9 died.", "reported_by": "Ministry",
        "values": "at least 9, between 3 and 5",
    }, event="storm", source="wire", attribute="casualties")
    record["id"] = "dead"
    fact = fact_from_record(record)
    assert fact.quantities == (Quantity(9, "", "at least"), Quantity(3, "", "between", 5))
    assert form_from_fact(fact)["values"] == "at least 9, between 3 and 5"


def test_source_form_may_leave_the_date_empty():
    from bot.chat.forms import SOURCE_FIELDS, source_record
    from bot.core.knowledge import source_from_record

    assert not next(f for f in SOURCE_FIELDS if f.key == "published").required
    record = source_record({"title": "Blog post", "publisher": "Blog", "published": " "})
    record["id"] = "blog"
    assert source_from_record(record).published is None
