"""The selection report in Markdown and HTML."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from panels.record import make_record
from panels.report import FACT_NAMES, render_report, summary


@pytest.fixture
def record(small_pool, small_quotas, small_distribution):
    return make_record(small_pool, small_quotas, 4, small_distribution,
                       ["P01", "P03", "P06", "P08"], 42, "EuroMillions <draw> of 2026-12-01",
                       True, "handmade")


def test_markdown_report(record, small_pool):
    text = render_report(record, small_pool)
    assert text.startswith("# Panel selection report")
    for fact in ["**Algorithm:** handmade", "**Seed:** 42", "EuroMillions <draw> of 2026-12-01",
                 record["pool_sha256"], record["quotas_sha256"], "**Panels in the lottery:** 3"]:
        assert fact in text
    # Femme: P01, P03 selected; 4 in the pool.
    assert "| genre | Femme | 2 | 3 | 2 | 4 | yes |" in text
    assert "- Minimum: 25.00 %" in text and "- Maximum: 75.00 %" in text
    assert "- Median: 56.25 %" in text  # (0.5 + 0.625) / 2 over 8 volunteers
    bars = re.findall(r"\| (█*) (\d+)$", text, re.M)
    assert len(bars) == 10 and sum(int(n) for _, n in bars) == 8
    assert text.rstrip().endswith("P01, P03, P06, P08")


def test_report_without_pool_uses_the_record(record):
    text = render_report(record)
    assert "| genre | Homme | 1 | 2 | 2 | yes |" in text and "In pool" not in text
    assert "**Pool size:** 8" in text


def test_quota_not_met_is_flagged(record, small_pool, small_quotas):
    stricter = small_quotas.replace("genre", "Femme", min=3)
    assert "| genre | Femme | 3 | 3 | 2 | 4 | **no** |" in render_report(record, small_pool, stricter)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text, self.open = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br"):
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open.pop() == tag

    def handle_data(self, data):
        self.text.append(data)


def test_html_report_is_self_contained_well_formed_and_escaped(record, small_pool):
    page = render_report(record, small_pool, fmt="html")
    parser = _Collector()
    parser.feed(page)
    assert parser.open == []
    names = [t for t, _ in parser.tags]
    assert "script" not in names and "link" not in names and "img" not in names
    assert names.count("main") == 1, "the content is in a main landmark"
    assert not re.search(r"(src|href)=", page)
    assert "EuroMillions &lt;draw&gt; of 2026-12-01" in page
    assert names.count("caption") == 2 and names.count("table") == 2
    bars = [a for t, a in parser.tags if a.get("class") == "bar"]
    assert len(bars) == 10 and all(a["aria-hidden"] == "true" for a in bars)
    text = " ".join(parser.text)
    assert "Minimum: 25.00 %" in text and "P01, P03, P06, P08" in text


def test_summary_gives_the_facts_as_data(record, small_pool):
    """The web application names and formats them in its visitor's language."""
    facts = dict(summary(record, small_pool)["facts"])
    assert facts["seed"] == 42 and facts["households"] is True and facts["panels"] == 3
    assert set(facts) <= set(FACT_NAMES)


def test_unknown_format(record):
    with pytest.raises(ValueError, match="pdf"):
        render_report(record, fmt="pdf")
