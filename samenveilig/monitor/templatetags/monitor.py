from django import template

from samenveilig.monitor import periods

register = template.Library()


@register.filter
def period_label(period: str) -> str:
    return periods.label(period)
