"""How values are printed.

The commands python-senlinclient had print what it printed, so that scripts
reading ``-f json`` or ``-f value`` keep working: maps as indented JSON text,
id lists one per line, a spec as a two-column table, ids in lists cut to 8
characters unless ``--full-id``.  The commands only clusterd has print
structures that ``-f json`` keeps as structures (:class:`Structure`).
"""

import json

from cliff import columns


def json_text(value):
    return json.dumps(value, indent=2, ensure_ascii=False)


def lines(value):
    return '\n'.join(value or [])


def short(value):
    return value[:8]


def short_or_empty(value):
    return value[:8] if value else ''


def short_or_none(value):
    return value[:8] if value else None


def nested_table(value):
    """A mapping as a ``property | value`` table, keys sorted, non-text values
    as indented JSON."""
    import prettytable     # only the commands that print a spec need it

    table = prettytable.PrettyTable(field_names=['property', 'value'])
    table.align = 'l'
    for key in sorted(value):
        item = value[key]
        if not isinstance(item, str):
            item = json_text(item)
        table.add_row([key, item.strip('"')])
    return table.get_string()


def row(data, names, formatters=None):
    """The values of ``names`` in the mapping ``data``: a missing name is '',
    None stays None, anything else goes through its formatter."""
    formatters = formatters or {}
    values = []
    for name in names:
        key = name.lower().replace(' ', '_')
        value = data[key] if key in data else ''
        if value is not None and name in formatters:
            value = formatters[name](value)
        values.append(value)
    return tuple(values)


def show(data, formatters=None, drop=()):
    """(columns, values) of one object, columns sorted by name."""
    names = sorted(name for name in data if name not in drop)
    return names, row(data, names, formatters)


class Structure(columns.FormattableColumn):
    """A map or a list: indented JSON in a table, the structure itself in
    ``-f json`` and ``-f yaml``."""

    def human_readable(self):
        if self._value is None or isinstance(self._value, str):
            return self._value
        return json_text(self._value)

    def machine_readable(self):
        return self._value


class Lines(columns.FormattableColumn):
    """A list: one item per line in a table, a list in ``-f json``."""

    def human_readable(self):
        return '\n'.join(str(item) for item in self._value or [])

    def machine_readable(self):
        return self._value
