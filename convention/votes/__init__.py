"""Votes (issue #15): ballots on proposals, amendments and free questions.

The tally methods live in `methods/`, pure modules with no Flask and no database,
so that every number on a results page can be recomputed from the ballots alone.
"""
