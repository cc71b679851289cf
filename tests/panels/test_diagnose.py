"""Infeasibility advice: the smallest change first, and among equal totals the fewest changes."""
import pytest

from panels.diagnose import explain_infeasible
from panels.model import Person, Pool, Quota, Quotas


@pytest.mark.parametrize("maxes", [(2, 2, 2, 2), (1, 2, 2, 3), (3, 3, 1, 1), (2, 2, 1, 1)])
def test_one_change_of_the_same_total_comes_first(maxes):
    """The maximums of a leave 12 - sum(maxes) seats short: raising one maximum by that much
    suffices, and was offered after a two-change suggestion of the same total."""
    people = [Person(f"p{i:02d}", {"a": f"v{i % 4}", "b": f"w{i % 3}"}) for i in range(40)]
    quotas = Quotas([Quota("a", f"v{k}", 0, m) for k, m in enumerate(maxes)]
                    + [Quota("b", f"w{k}", 0, 10) for k in range(3)])
    error = explain_infeasible(Pool(people, ["a", "b"]), quotas, 12)
    first = error.relaxations
    assert len(first) == 1 and first[0].bound == "max"
    assert first[0].suggested - first[0].current == 12 - sum(maxes)
    assert error.alternatives[0] == first
    text = str(error)
    assert text.startswith("No panel meets all the quotas. Suggested change: raise the maximum of a ")
    assert text.index("Suggested change") < text.index("Alternatives")
