"""Take children's names out of stored child link details and the tasks the links raised.

Links stored "<name> (age N) lives at ...", "Staying at ..., where <name> (age N) lives.",
"Missing episode of <name>: ..." and the like, and their task was titled "Child link: <registrant>
and <name>". The registrant's page, the task lists and the API show these to people who may not
be named on a restricted child's record. The child is already kept as ChildLink.child, so the
text becomes "The child (age N) lives at ...", "... and a child", and pages name the child per
reader. Known wordings are rewritten by their shape (so a name changed since still goes); any
other text has the child's current name taken out. One way: the names are not put back.
Audit entries keep the task's title as it was (the audit trail is append-only).
"""

import re

from django.db import migrations

THE_CHILD = "the child"
REMOVED = "[name removed]"
# Old wordings, each from vigil/offenders/links.py or seed.py before this migration. Not anchored
# at the end: a task's detail goes on after the link's.
SHAPES = [
    # "Staying at <address>, where <name> (age N) lives."
    (re.compile(r"^(Staying at .*, where ).+? (\(age [^)]*\) lives\.)", re.S), r"\1the child \2"),
    # "Missing episode of <name>: last seen or found at ... / linked to it ..."
    (re.compile(r"^Missing episode of .*?: (?=last seen or found at the registrant's|linked to it)", re.S),
     "Missing episode of the child: "),
    # "<name> (age N) lives at / now lives at / seen at the address on ...", seed "<name> lives at ..."
    (re.compile(r"^.+? ((?:\(age [^)]*\) )?(?:lives at|now lives at|seen at the address on) )", re.S),
     r"The child \1"),
]
UNNAMED = ("The child ", "Both linked to incident ", "Linked to incident ")
KIND = "rso.child_link"
BATCH = 2000


def full_name(forenames: str, surname: str) -> str:
    return f"{forenames or ''} {(surname or '').upper()}".strip()  # as Person.full_name


def _without(text: str, name: str) -> str:
    return re.sub(re.escape(name), THE_CHILD, text, flags=re.I) if name else text


def _reshape(text: str) -> str | None:
    if text.startswith(UNNAMED):
        return text
    for shape, replacement in SHAPES:
        if shape.match(text):
            return shape.sub(replacement, text, count=1)
    return None


def nameless(detail: str, forenames: str, surname: str) -> str:
    """The link detail without the child's name."""
    name = full_name(forenames, surname)
    reshaped = _reshape(detail)
    if reshaped is not None:
        return _without(reshaped, name)
    # A wording this migration does not know: take out the name and each part of it.
    text = _without(detail, name)
    for part in f"{forenames} {surname}".split():
        if len(part) > 1:
            text = re.sub(rf"\b{re.escape(part)}\b", REMOVED, text, flags=re.I)
    return text


def task_title(title: str, child_name: str = "") -> str:
    """'Child link: <registrant> and <child>' -> 'Child link: <registrant> and a child'."""
    if not title.startswith("Child link: ") or title.endswith((" and a child", " and an unidentified child")):
        return title
    if child_name and title.lower().endswith(f" and {child_name}".lower()):
        return title[: len(title) - len(child_name)] + "a child"
    head, sep, _child = title.rpartition(" and ")
    return f"{head} and a child" if sep else title


def task_detail(detail: str, kinds, old: str = "", new: str = "", name: str = "") -> str:
    """The task's detail: "<kind>. <link detail> Review ..." (seed: "<link detail> Review ...")."""
    if old and old in detail:
        detail = detail.replace(old, new)
    else:
        head = next((f"{k}. " for k in kinds if detail.startswith(f"{k}. ")), "")
        reshaped = _reshape(detail[len(head):])
        if reshaped is not None:
            detail = head + reshaped
    return _without(detail, name)


def forwards(apps, schema_editor):
    ChildLink = apps.get_model("offenders", "ChildLink")
    Task = apps.get_model("core", "Task")
    kinds = [str(label) for _value, label in ChildLink._meta.get_field("kind").choices]
    last = 0
    while True:
        # Read a batch, then write: SQLite does not isolate a running cursor from writes to its table.
        rows = list(ChildLink.objects.filter(pk__gt=last, child__isnull=False).order_by("pk").values_list(
            "pk", "detail", "task_id", "child__forenames", "child__surname")[:BATCH])
        if not rows:
            break
        last = rows[-1][0]
        tasks = {t.pk: t for t in Task.objects.filter(pk__in=[r[2] for r in rows if r[2]])}
        for pk, detail, task_id, forenames, surname in rows:
            new = nameless(detail, forenames, surname)[:500]
            if new != detail:
                ChildLink.objects.filter(pk=pk).update(detail=new)
            if task_id in tasks:
                name = full_name(forenames, surname)
                _save(Task, tasks[task_id], task_title(tasks[task_id].title, name)[:300],
                      task_detail(tasks[task_id].detail, kinds, detail, new, name))
    # Tasks whose link is gone (a deleted registration): no child to name, so by shape only.
    linked = ChildLink.objects.filter(task__isnull=False).values("task_id")
    for task in list(Task.objects.filter(kind=KIND).exclude(pk__in=linked)
                     .exclude(title__endswith=" and an unidentified child")):
        _save(Task, task, task_title(task.title)[:300], task_detail(task.detail, kinds))


def _save(Task, task, title, detail):
    if (title, detail) != (task.title, task.detail):
        Task.objects.filter(pk=task.pk).update(title=title, detail=detail)


class Migration(migrations.Migration):

    dependencies = [
        ("offenders", "0002_registrant_no_default_ordering"),
        ("core", "0002_audit_append_only"),
        ("people", "0002_search_index"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
