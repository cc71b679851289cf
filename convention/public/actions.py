"""What a visitor can do on a convention, shown first on its public page (before the long sections):
a member sees "Add a contribution" at the top, not below the composition charts.

    actions.register(_l("Add a contribution"), url=lambda convention: url_for(...),
                     visible=lambda convention: access.has_role(current_user, convention, Role.member), order=10)
"""
_actions = []


def register(label, url, visible, order=50):
    """An action (a translated label; `url(convention)`; shown when `visible(convention)` is true)."""
    if all(existing[1] != label for existing in _actions):
        _actions.append((order, label, url, visible))
        _actions.sort(key=lambda action: action[0])


def for_convention(convention):
    """[(label, url)] of the actions the current visitor can take on this convention."""
    return [(label, url(convention)) for _order, label, url, visible in _actions if visible(convention)]
