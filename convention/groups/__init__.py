"""Working groups: members of the convention who work on one or several themes."""
