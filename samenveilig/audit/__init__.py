"""The append-only audit log: ``audit.log(request_or_user, "app.object.action", obj, purpose=...)``.

Entries name the actor, the organisation they acted for, the action, the object type and id, the time, the purpose
and the outcome — never a personal value. See :mod:`samenveilig.audit.services`.
"""

ALLOWED = "allowed"
REFUSED = "refused"


def log(actor, action, obj=None, **kwargs):
    from samenveilig.audit.services import log as _log

    return _log(actor, action, obj, **kwargs)


def log_many(actor, action, objs, **kwargs):
    from samenveilig.audit.services import log_many as _log_many

    return _log_many(actor, action, objs, **kwargs)


def batch():
    from samenveilig.audit.services import batch as _batch

    return _batch()
