"""panels: fair, verifiable selection of citizens' panels (sortition).

Pure Python (HiGHS through highspy for the optimisation); no Flask import.

    from panels import read_pool, read_quotas, draw
    pool = read_pool("pool.csv")
    quotas = read_quotas("quotas.csv")
    distribution, selected = draw(pool, quotas, 40, seed=1234)   # LEXIMIN by default
    distribution.min_probability
"""
__version__ = "0.1.0"

from .errors import (BadPoolFile, BadQuotas, BadRecord, InfeasibleQuotas,  # noqa: F401
                     PanelsError, Problem, Relaxation, ReplacementInfeasible,
                     SolverError, VerificationFailed)
from .model import Distribution, Person, Pool, Quota, Quotas  # noqa: F401
from .io import quotas_from_shares, read_pool, read_pool_table, read_quotas  # noqa: F401,E402
from .validate import check_inputs  # noqa: F401,E402
from .record import make_record, verify  # noqa: F401,E402
from .algorithms import ALGORITHMS  # noqa: F401,E402
from .lottery import sample, transparent_lottery  # noqa: F401,E402
from .replace import draw_replacements  # noqa: F401,E402


def draw(pool, quotas, size, *, algorithm="leximin", seed, households=False, progress=None):
    """Compute the distribution with ``algorithm`` and sample one panel with ``seed``.

    Returns ``(distribution, selected_ids)``; raises InfeasibleQuotas (with suggested
    relaxations) when no panel meets the quotas.
    """
    check_inputs(pool, quotas, size, households=households)
    distribution = ALGORITHMS[algorithm](pool, quotas, size, households=households,
                                         progress=progress)
    return distribution, sample(distribution, seed)
