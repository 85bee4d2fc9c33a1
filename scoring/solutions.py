"""Which solutions are listed for a business: every component alone, and the minimal combinations.

A solution is one component or two or three components of different approaches that together
read, write and do what the business needs (SPEC, "What is ranked"). Only minimal combinations
are listed: every component covers something the others do not. Where the business names tasks,
every component must also do one of them: a pipeline whose extra part only contributes an output
format (a forecasting model "writing tables" beside a vision model that does the extraction) is
a pipeline on paper only. Capabilities belong to approaches, so minimality is decided on sets of
approaches and each minimal set is expanded into every choice of deployment for its approaches.

Needs a solution cannot cover at all (nothing in the catalogue reads 3D, say) are left out when
looking for combinations, so the combinations still cover everything that can be covered and
fail only on the rest. Answer sets with the same coverable needs list the same solutions; the
engine scores each such group in one vectorised pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import combinations, product

import numpy as np

from scoring.encoding import AnswerArrays
from scoring.knowledge import KnowledgeBase
from scoring.knowledge.compiled import KbArrays

MAX_COMPONENTS = 3
SEPARATOR = "+"
NO_MEMBER = -1


@dataclass(frozen=True, eq=False)
class ApproachSets:
    """Every set of one to three approaches, ordered by size then catalogue order.

    ``members`` (Q, 3) approach indices padded with -1; ``covers`` (Q,) the need bits the set
    covers (see :func:`need_bits`); ``without`` (Q, 3) the index of the set without each member
    (-1 for a single approach or padding); ``front_ends`` (Q, 3) the input bits each member turns into text for
    the others; ``expansions[q]`` the (n, 3) component indices of every deployment choice for set
    q, in catalogue order.
    """

    members: np.ndarray
    size: np.ndarray
    covers: np.ndarray
    without: np.ndarray
    front_ends: np.ndarray  # (Q, 3) need bits of the inputs each member can hand on as text
    covers_by_input: np.ndarray  # (2**M, Q) need bits covered, outputs as made from those inputs
    expansions: tuple[np.ndarray, ...]


@dataclass(frozen=True, eq=False)
class SolutionSet:
    """The solutions listed for a group of answer sets, in catalogue order (singles first).

    ``members`` (S, 3) component indices padded with -1; ``reads``/``writes``/``tasks`` (S,) the
    union bit masks of the members' approaches.
    """

    members: np.ndarray
    size: np.ndarray
    reads: np.ndarray
    writes: np.ndarray
    tasks: np.ndarray

    def __len__(self) -> int:
        return len(self.members)

    def component_indices(self, s: int) -> tuple[int, ...]:
        return tuple(int(c) for c in self.members[s] if c != NO_MEMBER)

    def subset(self, positions: np.ndarray) -> SolutionSet:
        """The solutions at ``positions``, in that order."""
        return SolutionSet(
            members=self.members[positions],
            size=self.size[positions],
            reads=self.reads[positions],
            writes=self.writes[positions],
            tasks=self.tasks[positions],
        )


def approach_outputs(arrays: KbArrays, given: np.ndarray) -> np.ndarray:
    """(rows, P) uint64: the outputs each approach makes from the given inputs (rows,).

    A generator makes all it writes from its prompt; a tool that transforms content makes an
    output only from an input it is given, or from its prompt where the prompt is content enough
    (``makes`` in data/approaches.yaml): speech recognition writes text from recordings, so for a
    business with no recordings speech AI makes no text and does not stand in for a language model
    beside an image generator, while its voice reads aloud whatever text it is handed.
    """
    makes = arrays.approach_makes  # (P, M)
    bits = np.arange(makes.shape[1], dtype=np.uint64)
    has = ((given[:, None] >> bits) & np.uint64(1)) == 1
    from_inputs = np.bitwise_or.reduce(
        np.where(has[:, None, :], makes[None, :, :], np.uint64(0)), axis=2
    )
    return from_inputs | arrays.approach_prompted[None, :]


@cache
def _outputs_by_input(arrays: KbArrays) -> np.ndarray:
    """(2**M, P) :func:`approach_outputs` for every set of inputs, once per knowledge base (a
    handful of modalities make a small table; a batch then looks its rows up)."""
    return approach_outputs(arrays, np.arange(1 << arrays.approach_makes.shape[1], dtype=np.uint64))


def _by_members(per_approach: np.ndarray, members: np.ndarray) -> np.ndarray:
    """(rows, sets) the union of a (rows, P) mask over each set's members (-1: none)."""
    padded = np.concatenate([per_approach, np.zeros((len(per_approach), 1), np.uint64)], axis=1)
    return np.bitwise_or.reduce(padded[:, members], axis=-1)


def outputs_made(kb: KnowledgeBase, answers: AnswerArrays, solutions: SolutionSet) -> np.ndarray:
    """(answers, solutions) uint64: the outputs each solution makes from what the business gives
    it (see :func:`approach_outputs`)."""
    approach_of = np.append(kb.arrays.component_approach, -1)  # a missing member stays missing
    by_input = _by_members(_outputs_by_input(kb.arrays), approach_of[solutions.members])
    return by_input[answers.masks["input_modalities"].astype(np.intp)]


@cache
def _reads_by_output(arrays: KbArrays, text_bit: int) -> np.ndarray:
    """(2**M, P) the inputs each approach puts to use for every set of required outputs: it
    reads the input and makes from it a required output or text (the common currency a pipeline
    hands on: a transcript for a language model, a prompt for an image generator)."""
    wanted = np.arange(1 << arrays.approach_makes.shape[1], dtype=np.uint64) | np.uint64(
        1 << text_bit
    )
    useful = (arrays.approach_makes[None, :, :] & wanted[:, None, None]) != 0  # (R, P, M)
    bits = np.arange(arrays.approach_makes.shape[1], dtype=np.uint64)
    reads = ((arrays.approach_reads[:, None] >> bits[None, :]) & np.uint64(1)) == 1  # (P, M)
    return np.bitwise_or.reduce(
        np.where(useful & reads[None], np.uint64(1) << bits, np.uint64(0)), axis=2
    )


def inputs_used(kb: KnowledgeBase, answers: AnswerArrays, solutions: SolutionSet) -> np.ndarray:
    """(answers, solutions) uint64: the inputs each solution puts to use for the outputs the
    business needs (:func:`_reads_by_output`). A member that reads an input only to make
    something nobody asked for (a 3D generator given the webinar video of a business that wants
    blog posts and images) does not make the solution read it."""
    text_bit = kb.choice_ids("output_modalities").index("text")
    approach_of = np.append(kb.arrays.component_approach, -1)
    by_output = _by_members(_reads_by_output(kb.arrays, text_bit), approach_of[solutions.members])
    return by_output[answers.masks["output_modalities"].astype(np.intp)]


def need_shifts(kb: KnowledgeBase) -> tuple[int, int]:
    """Bit offsets of inputs and of tasks in a need mask (outputs start at bit 0)."""
    modalities = len(kb.choice_ids("output_modalities"))
    return modalities, 2 * modalities


def need_bits(kb: KnowledgeBase, arrays: AnswerArrays) -> np.ndarray:
    """(answers,) uint64: required outputs, inputs and tasks in one bit mask."""
    inputs, tasks = (np.uint64(s) for s in need_shifts(kb))
    return (
        arrays.masks["output_modalities"]
        | (arrays.masks["input_modalities"] << inputs)
        | (arrays.masks["tasks"] << tasks)
    )


def _approach_bits(kb: KnowledgeBase) -> np.ndarray:
    inputs, tasks = (np.uint64(s) for s in need_shifts(kb))
    a = kb.arrays
    return a.approach_writes | (a.approach_reads << inputs) | (a.approach_tasks << tasks)


@cache
def _approach_sets(
    arrays: KbArrays, approach_bits: bytes, front_bits: bytes, count: int
) -> ApproachSets:
    bits = np.frombuffer(approach_bits, dtype=np.uint64)
    front = np.append(np.frombuffer(front_bits, dtype=np.uint64), np.uint64(0))
    sets = [s for k in range(1, MAX_COMPONENTS + 1) for s in combinations(range(count), k)]
    position = {s: q for q, s in enumerate(sets)}
    members = np.full((len(sets), MAX_COMPONENTS), NO_MEMBER)
    without = np.full((len(sets), MAX_COMPONENTS), NO_MEMBER)
    covers = np.zeros(len(sets), dtype=np.uint64)
    by_approach = [np.flatnonzero(arrays.component_approach == p) for p in range(count)]
    expansions = []
    for q, approach_set in enumerate(sets):
        members[q, : len(approach_set)] = approach_set
        covers[q] = np.bitwise_or.reduce(bits[list(approach_set)])
        if len(approach_set) > 1:
            for m in range(len(approach_set)):
                without[q, m] = position[approach_set[:m] + approach_set[m + 1 :]]
        chosen = np.array(list(product(*(by_approach[p] for p in approach_set))), dtype=np.int64)
        padded = np.full((len(chosen), MAX_COMPONENTS), NO_MEMBER)
        padded[:, : len(approach_set)] = chosen.reshape(len(chosen), -1)
        expansions.append(padded)
    outputs = np.uint64((1 << arrays.approach_makes.shape[1]) - 1)  # output bits come first
    made = _outputs_by_input(arrays)  # (2**M, P)
    per_approach = (bits & ~outputs)[None, :] | made
    return ApproachSets(
        members=members,
        size=(members != NO_MEMBER).sum(axis=1),
        covers=covers,
        without=without,
        front_ends=front[members],  # padding (-1) picks the appended 0
        covers_by_input=_by_members(per_approach, members),
        expansions=tuple(expansions),
    )


def approach_sets(kb: KnowledgeBase) -> ApproachSets:
    bits = _approach_bits(kb)
    front = kb.arrays.approach_front_end << np.uint64(need_shifts(kb)[0])
    return _approach_sets(kb.arrays, bits.tobytes(), front.tobytes(), len(kb.approaches))


def _input_bits(kb: KnowledgeBase) -> np.uint64:
    """The need-mask bits of the inputs."""
    start, end = need_shifts(kb)
    return np.uint64(((1 << (end - start)) - 1) << start)


def minimal_combinations(kb: KnowledgeBase, needs: np.ndarray) -> np.ndarray:
    """(needs, Q) bool: approach sets of two or three that are minimal covers of a need mask no
    single approach covers, and whose every member earns its place: it does a named task, or makes
    an output no other member makes (any member when no task is named; a general generator, not a
    specialised tool, when tasks are named), or it is the only front end for an input (it turns
    that input into text for the others: transcription before a language model, OCR before it).

    What a set covers depends on the inputs (a tool that transforms content makes outputs only
    from what it is given), so needs are taken one set of inputs at a time.
    """
    sets = approach_sets(kb)
    given = ((needs & _input_bits(kb)) >> np.uint64(need_shifts(kb)[0])).astype(np.intp)
    minimal = np.zeros((len(needs), len(sets.size)), dtype=bool)
    for inputs in np.unique(given):
        rows = np.flatnonzero(given == inputs)
        minimal[rows] = _minimal_covers(kb, needs[rows], sets.covers_by_input[inputs])
    return minimal


def _minimal_covers(kb: KnowledgeBase, needs: np.ndarray, set_covers: np.ndarray) -> np.ndarray:
    """:func:`minimal_combinations` for needs that give the same inputs, with ``set_covers`` (Q,)
    what each approach set covers for them.

    Only the (need, set) pairs that cover the need are checked member by member, so the work
    follows the few candidate pipelines rather than every set of approaches.
    """
    sets = approach_sets(kb)
    coverable = needs & np.bitwise_or.reduce(set_covers[sets.size == 1])
    covers = (coverable[:, None] & ~set_covers[None, :]) == 0
    one_does_it_all = covers[:, sets.size == 1].any(axis=1)  # SPEC: only needs no single meets
    need, q = np.nonzero(covers & (sets.size > 1)[None, :] & ~one_does_it_all[:, None])
    tasks = needs[need] >> np.uint64(need_shifts(kb)[1])
    inputs = needs[need] & _input_bits(kb)
    outputs = needs[need] & np.uint64((1 << need_shifts(kb)[0]) - 1)
    approach_tasks = np.append(kb.arrays.approach_tasks, np.uint64(0))
    specialised = np.append(kb.arrays.approach_specialised, True)  # padding: never general
    keep = np.ones(need.size, dtype=bool)
    for m in range(MAX_COMPONENTS):
        sub = sets.without[q, m]
        has = sub != NO_MEMBER  # a third member exists only in sets of three
        n, qh, sh = need[has], q[has], sub[has]
        member = sets.members[qh, m]
        own = set_covers[qh] & ~set_covers[sh]  # what only this member covers
        does_one = (tasks[has] & approach_tasks[member]) != 0
        produces = (outputs[has] & own) != 0
        front_end = (inputs[has] & sets.front_ends[qh, m] & own) != 0
        # With tasks named, a member does one of them, or is a general generator making an output
        # only it makes (an image generator beside an LLM that drafts the copy), or is the front
        # end for an input; with none named, it makes an output only it makes or is a front end.
        # A specialised tool (a forecaster "writing tables") joins only for its own task.
        earns = np.where(tasks[has] != 0, does_one | (produces & ~specialised[member]), produces)
        keep[has] &= ~covers[n, sh] & (earns | front_end)
    minimal = np.zeros(covers.shape, dtype=bool)
    minimal[need[keep], q[keep]] = True
    return minimal


def _solution_set(kb: KnowledgeBase, chosen: np.ndarray) -> SolutionSet:
    sets = approach_sets(kb)
    singles = [q for q in range(len(sets.size)) if sets.size[q] == 1]
    blocks = [sets.expansions[q] for q in singles] + [
        sets.expansions[q] for q in np.flatnonzero(chosen)
    ]
    members = np.concatenate(blocks)
    approach_of = np.append(kb.arrays.component_approach, NO_MEMBER)  # -1 maps to the pad
    approaches = approach_of[members]
    valid = members != NO_MEMBER

    def union(masks: np.ndarray) -> np.ndarray:
        picked = np.where(valid, np.append(masks, np.uint64(0))[approaches], np.uint64(0))
        return np.bitwise_or.reduce(picked, axis=1)

    return SolutionSet(
        members=members,
        size=valid.sum(axis=1),
        reads=union(kb.arrays.approach_reads),
        writes=union(kb.arrays.approach_writes),
        tasks=union(kb.arrays.approach_tasks),
    )


@dataclass(frozen=True, eq=False)
class Group:
    """Answer sets (``rows`` of the batch) that list the same solutions."""

    rows: np.ndarray
    solutions: SolutionSet


def _covering_masks(kb: KnowledgeBase) -> list[int]:
    """For each need bit, the bit mask of the approaches that cover it (0: none does)."""
    sets = approach_sets(kb)
    singles = sets.covers[sets.size == 1]  # (P,) need bits each approach covers
    width = 2 * need_shifts(kb)[0] + len(kb.choice_ids("tasks"))
    return [
        sum(1 << p for p in range(len(singles)) if int(singles[p]) >> b & 1) for b in range(width)
    ]


def need_keys(kb: KnowledgeBase, needs: np.ndarray) -> np.ndarray:
    """(answers,) uint64 keys: equal keys list the same solutions.

    Minimal covers depend on a need mask only through the set of approach masks that cover its
    bits (two tasks only LLMs do are one constraint), through which approaches do a named task and
    through the inputs and outputs themselves (a member may join as the only front end for an
    input, or as the only maker of an output when no task is named), so the key packs: a bit per
    distinct covering mask, the input and output bits, then the task-doers' mask.
    """
    masks = _covering_masks(kb)
    distinct = sorted({m for m in masks if m})
    family = np.zeros(needs.shape, dtype=np.uint64)
    doers = np.zeros(needs.shape, dtype=np.uint64)
    first_task = need_shifts(kb)[1]
    for b, mask in enumerate(masks):
        if not mask:
            continue  # nothing covers this bit: it is left out of the combinations
        needed = (needs >> np.uint64(b)) & np.uint64(1)
        family |= needed << np.uint64(distinct.index(mask))
        if b >= first_task:
            doers |= needed * np.uint64(mask)
    inputs_outputs = needs & np.uint64((1 << first_task) - 1)  # outputs then inputs
    # A covering mask that contains another required one is implied by it (whatever hits the
    # smaller hits the larger), so only the smallest ones shape the covers.
    for i, mask in enumerate(distinct):
        inside = sum(
            1 << j for j, other in enumerate(distinct) if other != mask and other & mask == other
        )
        if inside:
            implied = ((family >> np.uint64(i)) & np.uint64(1)).astype(bool) & (
                (family & np.uint64(inside)) != 0
            )
            family &= ~(implied.astype(np.uint64) << np.uint64(i))
    width = np.uint64(first_task)
    return (((family << width) | inputs_outputs) << np.uint64(len(kb.approaches))) | doers


def _distinct_rows(packed: np.ndarray) -> np.ndarray:
    """(rows,) a number per distinct row of a (rows, bytes) array, in order of first appearance.

    A dict of the rows' bytes: ``np.unique(..., axis=0)`` sorts rows as opaque records, which
    took half a second on a batch's 70,000 distinct needs; this takes a twentieth of that.
    """
    seen: dict[bytes, int] = {}
    return np.fromiter(
        (seen.setdefault(row.tobytes(), len(seen)) for row in packed), np.int64, len(packed)
    )


def group_by_solutions(kb: KnowledgeBase, arrays: AnswerArrays) -> list[Group]:
    """Partition the answer sets by the solutions they list; each group keeps batch order."""
    if arrays.count == 0:
        return []
    needs = need_bits(kb, arrays)
    _, first, inverse = np.unique(need_keys(kb, needs), return_index=True, return_inverse=True)
    minimal = minimal_combinations(kb, needs[first])  # one representative need per key
    of_key = _distinct_rows(np.packbits(minimal, axis=1))
    _, listed = np.unique(of_key, return_index=True)
    group_of_row = of_key[inverse.reshape(-1)]
    order = np.argsort(group_of_row, kind="stable")
    bounds = np.flatnonzero(np.diff(group_of_row[order])) + 1
    return [
        Group(rows=rows, solutions=_solution_set(kb, minimal[listed[group_of_row[rows[0]]]]))
        for rows in np.split(order, bounds)
    ]


def solution_id(kb: KnowledgeBase, members: tuple[int, ...]) -> str:
    return SEPARATOR.join(kb.component_ids[c] for c in members)


def lower_first(text: str) -> str:
    """A label inside a sentence: ``Speech AI`` -> ``speech AI``; ``LLM`` and ``3D`` kept."""
    return _lower_first(text)


def _lower_first(text: str) -> str:
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def component_label(kb: KnowledgeBase, component: int) -> str:
    """``Text LLM, self-hosted``: the approach in the deployment, in plain words."""
    c = kb.components[component]
    return f"{kb.approach(c.approach).label}, {kb.deployment(c.deployment).label}"


def solution_label(kb: KnowledgeBase, members: tuple[int, ...]) -> str:
    """``Text LLM, self-hosted + speech AI, self-hosted``."""
    labels = [component_label(kb, c) for c in members]
    return " + ".join([labels[0], *(_lower_first(label) for label in labels[1:])])
