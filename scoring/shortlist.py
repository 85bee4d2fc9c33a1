"""The named products shown for a component: those that read the business's inputs.

A component's capabilities are its approach's, but a product may read less (Claude and GPT read
images, not recordings; TRELLIS.2 makes 3D from an image, not from a sentence): naming it for
audio would be advice a CTO spots as wrong at once. So the shortlist shown for an answer set
keeps the products that read every input the approach is asked to read; when none reads them
all, those that read the most, and :func:`unread_inputs` says what none of them reads.
"""

from __future__ import annotations

from collections.abc import Iterable

from scoring.knowledge import KnowledgeBase
from scoring.knowledge.schema import Product
from scoring.solutions import lower_first


def _needed(kb: KnowledgeBase, component_id: str, inputs: Iterable[str]) -> tuple[str, ...]:
    """The answer set's inputs that the component's approach reads, in the approach's order."""
    approach = kb.approach(kb.component(component_id).approach)
    given = set(inputs)
    return tuple(m for m in approach.reads if m in given)


def product_reads(kb: KnowledgeBase, component_id: str, product: Product) -> tuple[str, ...]:
    """What a product reads: its own list, or its approach's when it has none."""
    if product.reads is not None:
        return product.reads
    return kb.approach(kb.component(component_id).approach).reads


def _coverage(kb: KnowledgeBase, component_id: str, inputs: Iterable[str]) -> list[int]:
    needed = set(_needed(kb, component_id, inputs))
    return [
        len(needed & set(product_reads(kb, component_id, p)))
        for p in kb.component(component_id).shortlist
    ]


def shortlist_for(
    kb: KnowledgeBase, component_id: str, inputs: Iterable[str]
) -> tuple[Product, ...]:
    """The component's products that read the most of ``inputs`` (all of them when one can)."""
    inputs = tuple(inputs)
    coverage = _coverage(kb, component_id, inputs)
    best = max(coverage)
    products = kb.component(component_id).shortlist
    return tuple(p for p, c in zip(products, coverage, strict=True) if c == best)


def unread_inputs(kb: KnowledgeBase, component_id: str, inputs: Iterable[str]) -> tuple[str, ...]:
    """The inputs the component is asked to read that no product of :func:`shortlist_for` reads."""
    inputs = tuple(inputs)
    shown = shortlist_for(kb, component_id, inputs)
    read = set(product_reads(kb, component_id, shown[0]))
    return tuple(m for m in _needed(kb, component_id, inputs) if m not in read)


def left_out(
    kb: KnowledgeBase, component_id: str, inputs: Iterable[str]
) -> tuple[tuple[Product, tuple[str, ...]], ...]:
    """The products not shown, each with the inputs it does not read."""
    inputs = tuple(inputs)
    shown = shortlist_for(kb, component_id, inputs)
    needed = _needed(kb, component_id, inputs)
    return tuple(
        (p, tuple(m for m in needed if m not in product_reads(kb, component_id, p)))
        for p in kb.component(component_id).shortlist
        if p not in shown
    )


def _listed(items: list[str], joiner: str) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {joiner} " + items[-1]


def shortlist_notes(
    kb: KnowledgeBase, component_ids: Iterable[str], inputs: Iterable[str]
) -> list[str]:
    """Plain sentences on what the shown shortlists leave out and why, e.g. "Not listed for the
    multimodal LLM, enterprise cloud: Claude Sonnet 4.6 on Amazon Bedrock (does not read audio)."."""
    inputs = tuple(inputs)

    def named(modalities: Iterable[str]) -> str:
        labels = [  # "audio", not "audio (speech, music, sound)": it sits in brackets itself
            lower_first(kb.choice_label("input_modalities", m).split(" (")[0]) for m in modalities
        ]
        return _listed(labels, "or")

    notes = []
    for component_id in component_ids:
        component = kb.component(component_id)
        part = (
            f"{lower_first(kb.approach(component.approach).label)}, "
            f"{lower_first(kb.deployment(component.deployment).label)}"
        )
        dropped = left_out(kb, component_id, inputs)
        if dropped:
            reasons = [f"{p.name} (does not read {named(missing)})" for p, missing in dropped]
            notes.append(f"Not listed for the {part}: {_listed(reasons, 'and')}.")
        unread = unread_inputs(kb, component_id, inputs)
        if unread:
            notes.append(
                f"None of the products listed for the {part} reads {named(unread)}: "
                "convert those inputs first, or check the vendor's current documentation."
            )
    return notes
