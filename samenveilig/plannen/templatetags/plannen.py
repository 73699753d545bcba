"""Template filters of the plannen app."""

from django import template

from samenveilig.plannen.planning import euro

register = template.Library()


@register.filter
def plannen_euro(amount):
    """An amount as the seed plans write it: € 33.880 (cents only when there are any)."""
    return euro(amount)
