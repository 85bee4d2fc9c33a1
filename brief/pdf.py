"""The brief as a PDF on A4, drawn by fpdf2 in pure Python: text in the vendored DejaVu Sans (any
Latin, Greek or Cyrillic name prints), the chart from rectangles and lines. Characters the font
lacks (CJK, emoji) print as a box and a line says so, rather than failing on an odd name."""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from brief.chart import SCORE_TICKS, bars
from brief.content import Brief, BriefSolution

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
MISSING = "\u25a1"  # a white square: the font has it, and it shows that a character was there
MISSING_NOTE = (
    f"Characters this PDF's font cannot show (such as Chinese, Japanese or emoji) appear as "
    f"{MISSING}; the HTML brief shows them."
)

MARGIN = 10.0
GAP = 4.0
LINE = 1.2  # line height as a multiple of the font size
INK = (31, 41, 55)
GREY = (75, 85, 99)
RULE = (209, 213, 219)
MEETS = (31, 78, 156)
FAILS = (117, 117, 117)
Colour = tuple[int, int, int]
OUTCOME: dict[str, Colour] = {"recommend": (21, 128, 61), "only_option": (31, 78, 156), "no_fit": (180, 83, 9)}


@cache
def _glyphs() -> frozenset[int]:
    """Code points both vendored fonts can draw."""
    maps = [
        TTFont(FONT_DIR / name).getBestCmap() for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
    ]
    return frozenset(maps[0]) & frozenset(maps[1])


DROPPED = frozenset({"Cc", "Cf"})
"""Unicode categories left out: control and format characters (a bell, a zero-width joiner)."""
BOXED = frozenset({"Cs", "Co", "Cn"})
"""Categories shown as a box: a lone surrogate, private use, unassigned."""


def printable(text: str) -> tuple[str, bool]:
    """``text`` with control characters dropped, line breaks as spaces and every character the font
    lacks as a box; and whether any was replaced."""
    glyphs = _glyphs()
    out = []
    replaced = False
    for ch in " ".join(str(text).split()):
        category = unicodedata.category(ch)
        if category in DROPPED:
            continue
        if category in BOXED or ord(ch) not in glyphs:
            out.append(MISSING)
            replaced = True
        else:
            out.append(ch)
    return "".join(out), replaced


def _height(size: float) -> float:
    """Line height in millimetres for a font size in points."""
    return size * 0.3528 * LINE


class _Page(FPDF):
    """The brief's page: fonts, sanitised text and the few layout moves it needs."""

    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.replaced = False

    @property
    def width(self) -> float:
        return self.w - 2 * MARGIN

    def clean(self, text: str) -> str:
        shown, replaced = printable(text)
        self.replaced |= replaced
        return shown

    def style(self, size: float, bold: bool = False, colour: Colour = INK) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*colour)

    def lines(self, text: str, width: float, size: float, bold: bool = False) -> int:
        """How many lines ``text`` takes at ``width`` in this font size."""
        self.style(size, bold)
        found = self.multi_cell(
            width, 1, self.clean(text), dry_run=True, output=MethodReturnValue.LINES, align="L"
        )
        return len(found)

    def para(
        self,
        text: str,
        size: float,
        *,
        bold: bool = False,
        colour: Colour = INK,
        width: float | None = None,
    ) -> None:
        """Wrapped text from the current position; the next line starts at the same left edge."""
        self.style(size, bold, colour)
        self.multi_cell(
            width or self.width,
            _height(size),
            self.clean(text),
            align="L",
            new_x=XPos.LEFT,
            new_y=YPos.NEXT,
        )

    def heading(self, text: str, keep: float = 8.0) -> None:
        """A section heading, on a new page unless ``keep`` millimetres of its section fit under
        it."""
        self.ensure(7 + keep)
        self.ln(1.0)
        self.style(9, bold=True)
        self.cell(self.width, _height(9), self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(MARGIN, self.get_y(), self.w - MARGIN, self.get_y())
        self.ln(0.6)

    def ensure(self, height: float) -> None:
        """Start a new page when ``height`` millimetres no longer fit on this one."""
        if self.get_y() + height > self.h - MARGIN:
            self.add_page()

    def items(self, items: tuple[str, ...], size: float, *, numbered: bool = False) -> None:
        """A bulleted or numbered list, hanging indent."""
        indent = 4.0
        for n, item in enumerate(items, 1):
            self.style(size)
            self.set_x(MARGIN)
            self.cell(indent, _height(size), f"{n}." if numbered else "•")
            self.multi_cell(
                self.width - indent,
                _height(size),
                self.clean(item),
                align="L",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )


def _chart(pdf: _Page, solutions: tuple[BriefSolution, ...]) -> None:
    """Score bars and log-scale cost ranges, drawn with rectangles, lines and text."""
    axis, rows = bars(solutions)
    label_w, score_x, score_w = 64.0, MARGIN + 68.0, 42.0
    cost_x = score_x + score_w + 14.0
    cost_w = pdf.w - MARGIN - cost_x - 8.0
    row = 6.2
    pdf.ensure(5 + len(rows) * row + 5)
    top = pdf.get_y()
    pdf.style(6.5, bold=True, colour=GREY)
    pdf.text(score_x, top + 3, "Score")
    pdf.text(cost_x, top + 3, "Monthly cost, low to high (log scale)")
    body = top + 4.5
    bottom = body + len(rows) * row
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.15)
    pdf.style(6, colour=GREY)
    ticks = [(score_x + t / 100 * score_w, str(t)) for t in SCORE_TICKS]
    ticks += [(cost_x + share * cost_w, text) for share, text in axis.ticks]
    for x, text in ticks:
        pdf.line(x, body, x, bottom)
        pdf.text(x - pdf.get_string_width(text) / 2, bottom + 2.8, text)
    for n, bar in enumerate(rows):
        y = body + n * row
        pdf.set_fill_color(*(MEETS if bar.qualifies else FAILS))
        label = bar.label
        while pdf.lines(label, label_w, 6.5) > 2:
            label = label.rsplit(" ", 1)[0].rstrip(",+") + "…"
        pdf.set_xy(MARGIN, y + (0.4 if pdf.lines(label, label_w, 6.5) > 1 else 1.6))
        pdf.para(label, 6.5, width=label_w)
        pdf.rect(score_x, y + 1.2, bar.score * score_w, 3.2, style="F")
        pdf.style(6)
        pdf.text(score_x + bar.score * score_w + 1, y + 3.7, bar.score_text)
        low = cost_x + bar.cost_low * cost_w
        width = max(0.8, (bar.cost_high - bar.cost_low) * cost_w)
        pdf.rect(low, y + 1.2, width, 2.4, style="F", round_corners=True, corner_radius=1.2)
        pdf.style(5.5, colour=GREY)
        pdf.text(low, y + 5.8, bar.cost_text)
    pdf.set_xy(MARGIN, bottom + 4)


Block = tuple[str, float, bool, Colour]


def _blocks(s: BriefSolution) -> list[Block]:
    """A card's lines: title, cost and score, products, reasons, main risk."""
    share = f" · first in {s.first_share} of samples" if s.first_share else ""
    out: list[Block] = [
        (f"{s.rank}. {s.label}", 7.5, True, INK),
        (f"{s.cost_text} · score {s.score:.1f}{share}", 6.3, True, INK),
    ]
    if s.products:
        out.append(("Products: " + "; ".join(s.products), 6, False, GREY))
    out.extend((f"• {r}", 6.3, False, INK) for r in s.reasons)
    if s.risk:
        out.append((f"Main risk: {s.risk}", 6, False, GREY))
    return out


def _cards(pdf: _Page, solutions: tuple[BriefSolution, ...]) -> None:
    """The solutions side by side, each boxed; a new page first if the tallest will not fit."""
    if not solutions:
        return
    count = len(solutions)
    width = (pdf.width - (count - 1) * 3) / count
    inner = width - 3
    height = (
        max(
            sum(
                pdf.lines(t, inner, size, bold) * _height(size) + 0.5
                for t, size, bold, _ in _blocks(s)
            )
            for s in solutions
        )
        + 2.5
    )
    pdf.ensure(height)
    top = pdf.get_y()
    for n, s in enumerate(solutions):
        x = MARGIN + n * (width + 3)
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.2)
        pdf.rect(x, top, width, height, round_corners=True, corner_radius=1.5)
        y = top + 1.2
        for text, size, bold, colour in _blocks(s):
            pdf.set_xy(x + 1.5, y)
            pdf.para(text, size, bold=bold, colour=colour, width=inner)
            y = pdf.get_y() + 0.5
    pdf.set_xy(MARGIN, top + height + 0.5)


def _decision(pdf: _Page, brief: Brief) -> None:
    size = 9
    height = pdf.lines(brief.decision, pdf.width - 6, size, bold=True) * _height(size) + 3
    top = pdf.get_y() + 1
    pdf.set_fill_color(243, 244, 246)
    pdf.rect(MARGIN, top, pdf.width, height, style="F")
    pdf.set_fill_color(*OUTCOME[brief.outcome])
    pdf.rect(MARGIN, top, 1.4, height, style="F")
    pdf.set_xy(MARGIN + 4, top + 1.5)
    pdf.para(brief.decision, size, bold=True, width=pdf.width - 6)
    pdf.set_xy(MARGIN, top + height + 0.5)


def answer_line(question: str, answer: str) -> str:
    """``Which tasks should it do? Chat`` or ``Organization name: Acme``."""
    return (
        f"{question} {answer}"
        if question.rstrip().endswith(("?", ":"))
        else f"{question}: {answer}"
    )


ANSWER_COLUMNS = 3
ANSWER_SIZE = 5.5


def _answer_columns(pdf: _Page, brief: Brief) -> tuple[list[list[str]], float, float]:
    """The answers split into columns, the column width and the tallest column's height."""
    rows = [answer_line(q, a) for q, a in brief.answers]
    per = -(-len(rows) // ANSWER_COLUMNS)
    parts = [rows[n * per : (n + 1) * per] for n in range(ANSWER_COLUMNS)]
    width = (pdf.width - (ANSWER_COLUMNS - 1) * GAP) / ANSWER_COLUMNS
    lines = max(sum(pdf.lines(r, width, ANSWER_SIZE) for r in part) for part in parts)
    return parts, width, lines * _height(ANSWER_SIZE)


def _answers(pdf: _Page, brief: Brief) -> None:
    """The answers in three columns of ``question answer``, kept on one page with their
    heading."""
    parts, width, height = _answer_columns(pdf, brief)
    pdf.heading("Your answers", keep=height)
    size = ANSWER_SIZE
    top = pdf.get_y()
    bottom = top
    for n, part in enumerate(parts):
        pdf.set_xy(MARGIN + n * (width + GAP), top)
        for row in part:
            pdf.para(row, size, width=width)
        bottom = max(bottom, pdf.get_y())
    pdf.set_xy(MARGIN, bottom)


def brief_pdf(brief: Brief) -> bytes:
    """The brief as PDF bytes (A4; one page for the usual brief, two when the sources are many)."""
    pdf = _Page()
    pdf.set_title(pdf.clean(brief.title))
    pdf.set_creator("GenAI decision advisor")
    pdf.add_page()
    pdf.para(brief.title, 14, bold=True)
    pdf.para(
        f"Made {brief.generated} · knowledge base {brief.kb_version} (reviewed {brief.kb_reviewed})"
        f" · method: {brief.method}. {brief.caveat}",
        6.5,
        colour=GREY,
    )
    _decision(pdf, brief)
    pdf.heading(brief.solutions_heading)
    _chart(pdf, brief.solutions)
    _cards(pdf, brief.solutions)
    pdf.heading(f"How sure: {brief.sure_title}")
    pdf.para(brief.sure_text, 6.8)
    pdf.heading("Risks and compliance")
    pdf.items(brief.risks, 6.3)
    pdf.items(tuple(f"{c.title}. {c.text}{c.mark}" for c in brief.compliance), 6.3)
    pdf.heading("Next steps")
    pdf.items(brief.next_steps, 6.3, numbered=True)
    pdf.heading("Sources")
    pdf.items(brief.source_notes, 5.2, numbered=True)
    _answers(pdf, brief)
    if pdf.replaced:
        pdf.ln(0.8)
        pdf.set_x(MARGIN)
        pdf.para(MISSING_NOTE, 5.2, colour=GREY)
    return bytes(pdf.output())
