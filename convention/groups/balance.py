"""A working group's composition by the panel's features (gender, age...), against the panel's.

Members are matched to the drawn panel by the e-mail address of their invitation (the drawn
person's contact), so only members who accepted their seat are counted. The organiser decides.
"""
from ..draw import queries as draw
from ..draw.models import DrawState, SelectionStatus


def panel_features(convention):
    """{lower-case e-mail: features} of the panel members who accepted their seat."""
    found = draw.existing_draw(convention)
    if found is None or found.state is not DrawState.done:
        return {}
    features = {}
    for selection in draw.selections(found):
        email = draw.contact_email(selection.volunteer.contact)
        if selection.status is SelectionStatus.accepted and email:
            features[email.lower()] = selection.volunteer.features
    return features


def balance(convention, group):
    """None without a panel; else the members found in it and, per feature, rows of
    {"value", "count", "percent" (of the group's members found), "panel_percent"}."""
    panel = panel_features(convention)
    if not panel:
        return None
    members = [panel[user.email.lower()] for user in group.members if user.email.lower() in panel]
    features = []
    for feature in sorted({name for person in panel.values() for name in person}):
        values = sorted({person.get(feature) for person in panel.values()} - {None})
        rows = []
        for value in values:
            count = sum(person.get(feature) == value for person in members)
            in_panel = sum(person.get(feature) == value for person in panel.values())
            rows.append({"value": value, "count": count,
                         "percent": 100 * count / len(members) if members else 0.0,
                         "panel_percent": 100 * in_panel / len(panel)})
        features.append((feature, rows))
    return {"found": len(members), "members": len(group.members), "features": features}
