"""The brief as one self-contained HTML file: styles inline, the chart as inline SVG, system fonts,
no script and nothing fetched from any host, so it opens the same offline, in a mail client or
printed. Every text is escaped: an organisation's name is shown, never interpreted."""

from __future__ import annotations

import textwrap
from html import escape

from brief.chart import SCORE_TICKS, TITLE, Bar, CostAxis, bars
from brief.content import Brief, BriefSolution

MEETS_COLOUR = "#1f4e9c"
FAILS_COLOUR = "#757575"
OUTCOME_COLOUR = {"recommend": "#15803d", "only_option": "#1f4e9c", "no_fit": "#b45309"}

STYLE = """
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial,
  sans-serif; color: #1f2937; font-size: 10pt; line-height: 1.35; margin: 0 auto;
  max-width: 190mm; padding: 10px; }
h1 { font-size: 16pt; margin: 0 0 2px; }
h2 { font-size: 11pt; margin: 12px 0 4px; border-bottom: 1px solid #d1d5db; padding-bottom: 2px; }
.meta, .small { color: #4b5563; font-size: 8pt; }
.decision { border-left: 5px solid; padding: 6px 10px; background: #f3f4f6; font-size: 11.5pt;
  font-weight: 600; margin: 8px 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(52mm, 1fr)); gap: 8px; }
.card { border: 1px solid #d1d5db; border-radius: 6px; padding: 6px 8px; font-size: 8.5pt;
  break-inside: avoid; }
.card h3 { font-size: 9.5pt; margin: 0 0 3px; }
.card ul { margin: 3px 0; padding-left: 14px; }
ul, ol { margin: 3px 0; padding-left: 18px; }
.sources { font-size: 7.5pt; color: #374151; }
table.answers { border-collapse: collapse; font-size: 7.5pt; width: 100%; }
table.answers td { border-top: 1px solid #e5e7eb; padding: 1px 4px; vertical-align: top; }
table.answers td:first-child { color: #4b5563; width: 45%; }
svg { max-width: 100%; height: auto; }
@media print {
  body { font-size: 7.5pt; padding: 0; max-width: none; line-height: 1.25; }
  h1 { font-size: 13pt; }
  h2 { font-size: 9pt; margin: 6px 0 2px; }
  .decision { font-size: 9pt; padding: 4px 8px; margin: 4px 0; }
  .card { font-size: 6.5pt; padding: 4px 6px; }
  .card h3 { font-size: 7.5pt; }
  .sources, table.answers, .meta, .small { font-size: 5.5pt; }
  p, ul, ol { margin: 2px 0; }
  svg { max-height: 32mm; }
}
"""

CHART_WIDTH = 740
LABEL_WIDTH = 250
SCORE_LEFT, SCORE_WIDTH = 260, 170
COST_LEFT, COST_WIDTH = 490, 210
LABEL_CHARS = 40
ROW = 30
TOP = 34


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _chart_row(n: int, bar: Bar) -> str:
    y = TOP + n * ROW
    colour = MEETS_COLOUR if bar.qualifies else FAILS_COLOUR
    lines = textwrap.wrap(bar.label, LABEL_CHARS)
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), LABEL_CHARS, placeholder="…")]
    label = "".join(
        f'<tspan x="0" dy="{0 if n == 0 else 12}">{_e(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    label_y = y + (8 if len(lines) > 1 else 14)
    low = COST_LEFT + bar.cost_low * COST_WIDTH
    width = max(2.0, (bar.cost_high - bar.cost_low) * COST_WIDTH)
    return (
        f"<g><title>{_e(bar.label)}: score {_e(bar.score_text)}, {_e(bar.cost_text)} a month</title>"
        f'<text x="0" y="{label_y}" font-size="11">{label}</text>'
        f'<rect x="{SCORE_LEFT}" y="{y + 4}" width="{bar.score * SCORE_WIDTH:.1f}" height="14" '
        f'fill="{colour}"/>'
        f'<text x="{SCORE_LEFT + bar.score * SCORE_WIDTH + 4:.1f}" y="{y + 15}" font-size="10">'
        f"{_e(bar.score_text)}</text>"
        f'<rect x="{low:.1f}" y="{y + 6}" width="{width:.1f}" height="10" rx="5" fill="{colour}" '
        f'fill-opacity="0.75"/>'
        f'<text x="{low:.1f}" y="{y + 27}" font-size="9" fill="#374151">{_e(bar.cost_text)}</text>'
        "</g>"
    )


def _axes(axis: CostAxis, height: int) -> str:
    parts = []
    for tick in SCORE_TICKS:
        x = SCORE_LEFT + tick / 100 * SCORE_WIDTH
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{height - 14}" stroke="#d1d5db"/>'
            f'<text x="{x:.1f}" y="{height - 2}" font-size="9" text-anchor="middle">{tick}</text>'
        )
    for share, text in axis.ticks:
        x = COST_LEFT + share * COST_WIDTH
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{height - 14}" stroke="#d1d5db"/>'
            f'<text x="{x:.1f}" y="{height - 2}" font-size="9" text-anchor="middle">'
            f"{_e(text)}</text>"
        )
    parts.append(
        f'<text x="{SCORE_LEFT}" y="{TOP - 12}" font-size="10" font-weight="bold">Score</text>'
    )
    parts.append(
        f'<text x="{COST_LEFT}" y="{TOP - 12}" font-size="10" font-weight="bold">'
        "Monthly cost, low to high</text>"
    )
    return "".join(parts)


def chart_svg(solutions: tuple[BriefSolution, ...]) -> str:
    """Inline SVG of the solutions' scores and monthly cost ranges, with a text title for readers
    that cannot see it."""
    axis, rows = bars(solutions)
    height = TOP + len(rows) * ROW + 18
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {CHART_WIDTH} {height}" '
        f'width="{CHART_WIDTH}" height="{height}" font-family="system-ui, sans-serif" '
        f'aria-label="{_e(TITLE)}"><title>{_e(TITLE)}</title>'
        + _axes(axis, height)
        + "".join(_chart_row(n, bar) for n, bar in enumerate(rows))
        + "</svg>"
    )


def _card(solution: BriefSolution) -> str:
    share = f" · first in {_e(solution.first_share)} of samples" if solution.first_share else ""
    products = (
        f'<div class="small"><b>Products:</b> {_e("; ".join(solution.products))}</div>'
        if solution.products
        else ""
    )
    risk = f"<div><i>Main risk:</i> {_e(solution.risk)}</div>" if solution.risk else ""
    return (
        f'<div class="card"><h3>{solution.rank}. {_e(solution.label)}</h3>'
        f"<div><b>{_e(solution.cost_text)}</b> · score {solution.score:.1f}{share}</div>"
        f"{products}<ul>{''.join(f'<li>{_e(r)}</li>' for r in solution.reasons)}</ul>{risk}</div>"
    )


def _list(items: tuple[str, ...], tag: str = "ul", cls: str = "") -> str:
    attribute = f' class="{cls}"' if cls else ""
    return f"<{tag}{attribute}>" + "".join(f"<li>{_e(i)}</li>" for i in items) + f"</{tag}>"


def brief_html(brief: Brief) -> str:
    """The whole brief as an HTML document (UTF-8 text)."""
    colour = OUTCOME_COLOUR[brief.outcome]
    compliance = "".join(
        f"<li><b>{_e(c.title)}.</b> {_e(c.text)}{_e(c.mark)}</li>" for c in brief.compliance
    )
    answers = "".join(
        f"<tr><td>{_e(question)}</td><td>{_e(answer)}</td></tr>"
        for question, answer in brief.answers
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(brief.title)}</title><style>{STYLE}</style></head>
<body>
<h1>{_e(brief.title)}</h1>
<div class="meta">Made {_e(brief.generated)} · knowledge base {_e(brief.kb_version)} (reviewed
{_e(brief.kb_reviewed)}) · method: {_e(brief.method)}</div>
<div class="decision" style="border-color: {colour}">{_e(brief.decision)}</div>
<h2>{_e(brief.solutions_heading)}</h2>
{chart_svg(brief.solutions)}
<div class="cards">{"".join(_card(s) for s in brief.solutions)}</div>
<h2>How sure: {_e(brief.sure_title)}</h2>
<p>{_e(brief.sure_text)}</p>
<h2>Risks and compliance</h2>
{_list(brief.risks)}
<ul>{compliance}</ul>
<h2>Next steps</h2>
{_list(brief.next_steps, "ol")}
<h2>Sources</h2>
{_list(brief.source_notes, "ol", "sources")}
<h2>Your answers</h2>
<table class="answers">{answers}</table>
<p class="small">Made by the GenAI decision advisor from knowledge base {_e(brief.kb_version)}.
{_e(brief.caveat)}</p>
</body></html>
"""
