"""The named products shown for a component: those that do the component's job for this business.

A component's capabilities are its approach's, but a product may do less: Claude and GPT read
images, not recordings; speech recognition writes text while a voice reads text and writes audio;
TRELLIS.2 makes 3D from a picture, not from a sentence. Naming Claude on Bedrock to a clinic that
sends recordings would be advice a CTO spots as wrong at once.

The component's job is the business's inputs its approach reads and the outputs it writes. Text
is everywhere (the suggested input, a prompt, a transcript), so on either side, when there is
anything else, that is what counts: recordings to hear, images to see, a voice to speak. Each product is
given the number of those parts it handles, and the products with the highest number are shown
(several products can split the job: one for tables, one for images). :func:`unhandled` names
what none of the shown products handles, so a gap is said, not hidden.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from scoring.answers import Answers
from scoring.inputs import inputs_given
from scoring.knowledge import KnowledgeBase
from scoring.knowledge.schema import Product
from scoring.solutions import lower_first

TEXT = "text"


@dataclass(frozen=True)
class Job:
    """What a component is asked to read and write for one business (on each side, text left
    out when anything else is asked)."""

    reads: tuple[str, ...]
    writes: tuple[str, ...]


def job(kb: KnowledgeBase, component_id: str, answers: Answers) -> Job:
    approach = kb.approach(kb.component(component_id).approach)
    given = inputs_given(kb, answers)
    reads = tuple(m for m in approach.reads if m in given)
    writes = tuple(m for m in approach.writes if m in answers.output_modalities)
    return Job(_beyond_text(reads), _beyond_text(writes))


def _beyond_text(modalities: tuple[str, ...]) -> tuple[str, ...]:
    """Text left out when anything else is there: what the component is needed for."""
    rest = tuple(m for m in modalities if m != TEXT)
    return rest or modalities


def product_reads(kb: KnowledgeBase, component_id: str, product: Product) -> tuple[str, ...]:
    """What a product reads: its own list, or its approach's when it has none."""
    if product.reads is not None:
        return product.reads
    return kb.approach(kb.component(component_id).approach).reads


def product_writes(kb: KnowledgeBase, component_id: str, product: Product) -> tuple[str, ...]:
    """What a product writes: its own list, or its approach's when it has none."""
    if product.writes is not None:
        return product.writes
    return kb.approach(kb.component(component_id).approach).writes


def _handled(kb: KnowledgeBase, component_id: str, product: Product, work: Job) -> int:
    reads = set(product_reads(kb, component_id, product))
    writes = set(product_writes(kb, component_id, product))
    return sum(m in reads for m in work.reads) + sum(m in writes for m in work.writes)


def shortlist_for(kb: KnowledgeBase, component_id: str, answers: Answers) -> tuple[Product, ...]:
    """The component's products that handle the most of its job (all when none handles any)."""
    work = job(kb, component_id, answers)
    products = kb.component(component_id).shortlist
    handled = [_handled(kb, component_id, p, work) for p in products]
    best = max(handled)
    return tuple(p for p, h in zip(products, handled, strict=True) if h == best)


def unhandled(kb: KnowledgeBase, component_id: str, answers: Answers) -> Job:
    """The parts of the job that none of the shown products handles."""
    work = job(kb, component_id, answers)
    shown = shortlist_for(kb, component_id, answers)
    reads = {m for p in shown for m in product_reads(kb, component_id, p)}
    writes = {m for p in shown for m in product_writes(kb, component_id, p)}
    return Job(
        tuple(m for m in work.reads if m not in reads),
        tuple(m for m in work.writes if m not in writes),
    )


def left_out(
    kb: KnowledgeBase, component_id: str, answers: Answers
) -> tuple[tuple[Product, Job], ...]:
    """The products not shown, each with the parts of the job it does not handle."""
    work = job(kb, component_id, answers)
    shown = shortlist_for(kb, component_id, answers)
    result = []
    for p in kb.component(component_id).shortlist:
        if p in shown:
            continue
        reads, writes = product_reads(kb, component_id, p), product_writes(kb, component_id, p)
        result.append(
            (
                p,
                Job(
                    tuple(m for m in work.reads if m not in reads),
                    tuple(m for m in work.writes if m not in writes),
                ),
            )
        )
    return tuple(result)


# --- plain words ------------------------------------------------------------------------------


def _listed(items: list[str], joiner: str) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {joiner} " + items[-1]


def _modalities(kb: KnowledgeBase, field: str, modalities: Iterable[str]) -> str:
    # "audio", not "audio (speech, music, sound)": the phrase sits in brackets itself
    labels = [lower_first(kb.choice_label(field, m).split(" (")[0]) for m in modalities]
    return _listed(labels, "or")


def _missing(kb: KnowledgeBase, part: Job) -> str:
    """``does not read audio``, ``does not write audio``, or both joined by ``or``."""
    phrases = []
    if part.reads:
        phrases.append(f"read {_modalities(kb, 'input_modalities', part.reads)}")
    if part.writes:
        phrases.append(f"write {_modalities(kb, 'output_modalities', part.writes)}")
    return " or ".join(phrases)


def shortlist_notes(kb: KnowledgeBase, component_ids: Iterable[str], answers: Answers) -> list[str]:
    """Plain sentences on what the shown shortlists leave out and why, e.g. "Not listed for the
    multimodal LLM, enterprise cloud: Claude Sonnet 4.6 on Amazon Bedrock (does not read audio)."."""
    notes = []
    for component_id in component_ids:
        component = kb.component(component_id)
        part = (
            f"{lower_first(kb.approach(component.approach).label)}, "
            f"{lower_first(kb.deployment(component.deployment).label)}"
        )
        dropped = left_out(kb, component_id, answers)
        if dropped:
            reasons = [f"{p.name} (does not {_missing(kb, gap)})" for p, gap in dropped]
            notes.append(f"Not listed for the {part}: {_listed(reasons, 'and')}.")
        gap = unhandled(kb, component_id, answers)
        if gap.reads or gap.writes:
            notes.append(
                f"None of the products listed for the {part} can {_missing(kb, gap)}: "
                "check the vendor's current documentation, or convert those first."
            )
    return notes
