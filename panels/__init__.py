"""panels: fair, verifiable selection of citizens' panels (sortition).

Pure Python (HiGHS through highspy for the optimisation); no Flask import.

    from panels import read_pool, read_quotas, draw
    pool = read_pool("pool.csv")
    quotas = read_quotas("quotas.csv")
    result = draw(pool, quotas, size=40, seed=1234)        # LEXIMIN by default
    result.selected, result.distribution.min_probability
"""
__version__ = "0.1.0"

from .errors import (BadPoolFile, BadQuotas, BadRecord, InfeasibleQuotas,  # noqa: F401
                     PanelsError, Problem, Relaxation, ReplacementInfeasible,
                     SolverError, VerificationFailed)
from .model import Distribution, Person, Pool, Quota, Quotas  # noqa: F401
