"""Peeling writes the relaxation's leximin point as a lottery over integer panels."""
import numpy as np
import pytest

from panels.generate import generate_instance
from panels.peel import DUST, _Steps, peel
from panels.relaxed import relaxed_leximin
from panels.repair import Repairer
from panels.rows import Rows
from panels.solver import PanelFinder
from panels.typespace import build_type_space


def _peel(pool, quotas, size, households=False):
    space = build_type_space(pool, quotas, households=households)
    finder = PanelFinder(space, size)
    target, _ = relaxed_leximin(space, size)
    stats = {}
    panels, weights, complete = peel(space, size, target, finder, stats=stats)
    return space, target, panels, weights, complete, stats


@pytest.mark.parametrize("n_people,size,features,seed", [(300, 40, 4, 0), (300, 40, 4, 1), (800, 40, 5, 2)])
def test_peeling_reaches_the_target_exactly(n_people, size, features, seed):
    pool, quotas = generate_instance(n_people, size, features, seed)
    space, target, panels, weights, complete, stats = _peel(pool, quotas, size)
    # near the very end a step can fail on rounding dust: then the column generation
    # re-weights the panels (panels.decompose), which takes one LP from that close
    assert complete or 1 - weights.sum() < 1e-5, stats
    expected = sum(w * x for w, x in zip(weights, panels))
    assert np.abs(expected - target).max() < 1e-5
    if complete:   # what is left unpeeled is dust: no probability moves by more than DUST
        probabilities = expected / weights.sum() / space.sizes
        assert np.abs(probabilities - target / space.sizes).max() <= DUST * (1 + 1e-6)
    rows_min, rows_max = space.cell_min, space.cell_max
    for x in panels:
        assert x.sum() == size and (x >= 0).all() and (x <= space.sizes).all()
        sums = np.array([x[t].sum() for t in space.cell_types])
        assert (sums >= rows_min).all() and (sums <= rows_max).all()


def test_peeling_keeps_households_apart():
    pool, quotas = generate_instance(400, 30, 4, 3, shared_address_share=0.3)
    space, target, panels, weights, complete, stats = _peel(pool, quotas, 30, households=True)
    assert space.households, "the instance should have shared addresses"
    # the household rows make the walk stop short more often, very close to the end; the
    # leximin then re-weights the panels with one LP (test below)
    assert complete or 1 - weights.sum() < 1e-3, stats
    for x in panels:
        for group in space.households:
            assert x[group].sum() <= 1


@pytest.mark.parametrize("seed", [3, 6])
def test_leximin_with_households_ends_without_column_generation(seed):
    from panels.algorithms import ALGORITHMS

    pool, quotas = generate_instance(400, 30, 4, seed, shared_address_share=0.3)
    distribution = ALGORITHMS["leximin"](pool, quotas, 30, households=True)
    assert distribution.stats["method"] in ("relaxation+peeling", "relaxation+decomposition")
    assert distribution.stats.get("decomposition_rounds", 0) <= 5
    space = build_type_space(pool, quotas, households=True)
    _, levels = relaxed_leximin(space, 30)
    assert abs(distribution.min_probability - levels[0]) < 1e-7


@pytest.mark.parametrize("households", [False, True])
def test_rows_count_cells_and_households(households):
    pool, quotas = generate_instance(400, 30, 4, 5, shared_address_share=0.3)
    space = build_type_space(pool, quotas, households=households)
    rows = Rows(space)
    x = np.random.default_rng(0).integers(0, 2, space.n_types).astype(float)
    groups = list(space.cell_types) + list(space.households)
    assert np.array_equal(rows.sums(x), [x[g].sum() for g in groups])
    assert bool(rows.n_households) == households


def test_greedy_repairs_only_return_panels_of_the_box():
    """Repairs of random roundings into the box of a target: a panel of the box, or None."""
    pool, quotas = generate_instance(800, 40, 5, 2)
    space = build_type_space(pool, quotas)
    target, _ = relaxed_leximin(space, 40)
    rows = Rows(space)
    repairer = Repairer(rows, 40)
    rq = rows.sums(target)
    lo, hi = np.floor(target), np.ceil(target)
    rlo, rhi = np.maximum(rows.lo, np.floor(rq)), np.minimum(rows.hi, np.ceil(rq))
    found = 0
    for attempt in range(20):
        x = repairer.repair(None, lo, hi, rlo, rhi, q=target, restarts=3)
        if x is None:
            continue
        found += 1
        assert x.sum() == 40 and (x >= lo).all() and (x <= hi).all()
        sums = rows.sums(x)
        assert (sums >= rlo).all() and (sums <= rhi).all()
    assert found >= 10   # the relaxation's own box: repairs nearly always succeed


@pytest.mark.parametrize("overshoot", [2.8e-9, 3e-8, 1e-6])
def test_peeling_never_takes_more_people_than_a_group_has(overshoot):
    """Late in the walk q = residual / weight_left drifts just above a group's size (1.0000000028
    for a group of 1): the search box must stay within [0, size], or a panel takes 2 people from
    a group of 1 (issue 18 A)."""
    pool, quotas = generate_instance(300, 40, 4, 0)
    space = build_type_space(pool, quotas)
    finder = PanelFinder(space, 40)
    target, _ = relaxed_leximin(space, 40)
    singles = np.flatnonzero(space.sizes == 1)
    drifted = target.copy()
    certain = singles[np.argsort(-target[singles])[:5]]
    drifted[certain] += 1 + overshoot - drifted[certain]   # groups of 1 as the late walk sees them
    panels, weights, _ = peel(space, 40, drifted, finder)
    assert panels
    for x in panels:
        assert (x <= space.sizes).all() and (x >= 0).all() and x.sum() == 40
    # the step's search box itself: within [0, size] whatever q's dust
    steps = _Steps(space, 40, finder, Rows(space))
    q = drifted.copy()
    found = steps.next_panel(None, q, steps.rows.sums(q))
    assert found is not None
    x, (lo, hi, _rlo, _rhi) = found
    assert (hi <= space.sizes).all() and (lo >= 0).all() and (x <= space.sizes).all()
