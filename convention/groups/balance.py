"""A working group's composition by the panel's features (gender, age...), against the panel's.

Members are matched to the drawn panel by the e-mail address of their invitation (the drawn
person's contact), so only members who accepted their seat are found in the group. The panel they
are compared with is the whole drawn panel (after its replacements), whatever each person answered.
The organiser decides.
"""
from ..draw import queries as draw
from ..draw.models import DrawState, SelectionStatus


def _drawn(convention):
    found = draw.existing_draw(convention)
    return found if found is not None and found.state is DrawState.done else None


def panel_features(convention):
    """{lower-case e-mail: features} of the panel members who accepted their seat."""
    found = _drawn(convention)
    if found is None:
        return {}
    features = {}
    for selection in draw.selections(found):
        email = draw.contact_email(selection.volunteer.contact)
        if selection.status is SelectionStatus.accepted and email:
            features[email.lower()] = selection.volunteer.features
    return features


def balance(convention, group):
    """None without a drawn panel; else the members found in it and, per feature, rows of
    {"value", "count", "percent" (of the group's members found), "panel_count" and "panel_percent" (of the
    drawn panel)}."""
    found = _drawn(convention)
    panel = [volunteer.features for volunteer in draw.panel_volunteers(found)] if found else []
    if not panel:
        return None
    accepted = panel_features(convention)
    members = [accepted[user.email.lower()] for user in group.members if user.email.lower() in accepted]
    features = []
    for feature in sorted({name for person in panel for name in person}):
        rows = []
        for value in sorted({person.get(feature) for person in panel} - {None}):
            count = sum(person.get(feature) == value for person in members)
            in_panel = sum(person.get(feature) == value for person in panel)
            rows.append({"value": value, "count": count,
                         "percent": 100 * count / len(members) if members else 0.0,
                         "panel_count": in_panel, "panel_percent": 100 * in_panel / len(panel)})
        features.append((feature, rows))
    return {"found": len(members), "members": len(group.members), "panel": len(panel), "features": features}
