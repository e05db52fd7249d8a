"""The ``/stats`` chart: questions per day, answered and abstained stacked, as a PNG.

matplotlib with the Agg backend (no display, thread-safe enough for the engine's worker
thread as long as figures are not shared), imported on first use so that the CLI and the
bot start as fast as before.
"""

from __future__ import annotations

import io

from bot.core.stats import Stats

ANSWERED_COLOUR = "#5865F2"  # Discord blurple, like the answer embeds
ABSTAINED_COLOUR = "#B5BAC1"  # light grey, like the abstention embeds


def stats_chart_png(stats: Stats) -> bytes:
    """A bar chart of questions per day (answered over abstained), as PNG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure  # no pyplot: no global state between calls

    days = [d.day.strftime("%d %b") for d in stats.per_day]
    answered = [d.answered for d in stats.per_day]
    abstained = [d.abstained for d in stats.per_day]
    fig = Figure(figsize=(8.5, 3.6), dpi=100)
    ax = fig.add_subplot()
    ax.bar(days, answered, color=ANSWERED_COLOUR, label="answered")
    ax.bar(days, abstained, bottom=answered, color=ABSTAINED_COLOUR, label="abstained")
    ax.set_ylabel("questions")
    median = (
        f", median confidence {stats.median_confidence:.0%}"
        if stats.median_confidence is not None
        else ""
    )
    ax.set_title(
        f"Questions per day: {stats.share(stats.answered):.0%} answered, "
        f"{stats.share(stats.flagged):.0%} flagged{median}",
        fontsize=10,
    )
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)  # beside the bars
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    if len(days) > 10:
        ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()
