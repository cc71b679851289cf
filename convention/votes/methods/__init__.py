"""Pure tally methods: for/against/abstain, majority judgment, approval."""
