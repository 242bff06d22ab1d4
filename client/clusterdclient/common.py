"""What many commands share: argument types, the options clusterd adds
(``--wait``, ``--idempotency-key``, ``--dry-run``), the delete prompt, the
"accepted" lines and one-line parser errors."""

import argparse
import json
import sys

from osc_lib.command import command
from osc_lib import exceptions

DEFAULT_WAIT_TIMEOUT = 3600

_TRUE = ('1', 't', 'true', 'on', 'y', 'yes')
_FALSE = ('0', 'f', 'false', 'off', 'n', 'no')


def boolean(text):
    """An argparse type: true/false, yes/no, on/off, 1/0 (any case)."""
    if isinstance(text, bool):
        return text
    lowered = str(text).strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise argparse.ArgumentTypeError(
        "'%s' is not a boolean (use true or false)" % text)


def parse_pairs(values, split_semicolon=True):
    """``--metadata a=1 --metadata b=2`` or ``--metadata 'a=1;b=2'`` -> a dict.

    A key given twice collects its values in a list; ``'{}'`` alone is the
    empty dict (how an update clears a map).
    """
    if not values or values == ['{}']:
        return {}
    if split_semicolon and len(values) == 1:
        values = values[0].split(';')
    result = {}
    for item in values:
        key, sep, value = item.partition('=')
        if not sep:
            raise exceptions.CommandError(
                "Malformed parameter '%s': use key=value." % item)
        if key not in result:
            result[key] = value
        elif isinstance(result[key], list):
            result[key].append(value)
        else:
            result[key] = [result[key], value]
    return result


def parse_json(text):
    if not text:
        return {}
    try:
        return json.loads(text)
    except ValueError as exc:
        raise exceptions.CommandError('Malformed JSON (%s): %s' % (exc, text))


def one_line_errors(parser):
    """A parser error (a missing value, a bad integer) is one line on stderr
    and exit status 2, without the usage block."""
    def error(message):
        parser.exit(2, '%s: error: %s\n' % (parser.prog, message))
    parser.error = error
    return parser


def add_wait(parser, timeout_flag=True, what='the action'):
    parser.add_argument(
        '--wait', action='store_true',
        help='Wait until %s has ended; exit 1 with its reason if it failed' % what)
    names = ['--wait-timeout']
    if timeout_flag:
        names.insert(0, '--timeout')
    parser.add_argument(
        *names, dest='wait_timeout', metavar='<seconds>', type=int,
        default=DEFAULT_WAIT_TIMEOUT,
        help='With --wait: give up (exit 1) after this many seconds (default '
             '%d)' % DEFAULT_WAIT_TIMEOUT)


def add_idempotency_key(parser):
    parser.add_argument(
        '--idempotency-key', metavar='<key>',
        help='Send this Idempotency-Key: a retry with the same key gets the '
             'first answer again and changes nothing (clusterd). With several '
             'targets, each request carries <key>:<target>.')


def add_dry_run(parser):
    parser.add_argument(
        '--dry-run', action='store_true',
        help='Show the plan (what would change and why) and change nothing '
             '(clusterd, API 1.16)')


def idempotency_key(parsed_args, target=None, many=False):
    key = getattr(parsed_args, 'idempotency_key', None)
    if key and many:
        return '%s:%s' % (key, target)
    return key


def confirm_delete(parsed_args, noun):
    """The prompt of the delete commands (skipped by --force or when stdin is
    not a terminal).  True to go on."""
    if parsed_args.force or not sys.stdin.isatty():
        return True
    try:
        sys.stdout.write('Are you sure you want to delete this %s(s) [y/N]?'
                         % noun)
        sys.stdout.flush()
        return sys.stdin.readline().lower().startswith('y')
    except (KeyboardInterrupt, EOFError):
        return False


MACHINE_FORMATS = ('json', 'yaml', 'value', 'csv', 'shell')


def say(text, parsed_args):
    """A line senlinclient printed beside a command's output (an accepted
    action).  With a machine format (``-f json``...) it goes to stderr, so
    that stdout stays parseable."""
    stream = sys.stderr if getattr(parsed_args, 'formatter', None) in \
        MACHINE_FORMATS else sys.stdout
    stream.write(text + '\n')
    stream.flush()


def print_accepted(action_id, parsed_args):
    say('Request accepted by action: %s' % action_id, parsed_args)


def check_count(value, name):
    if value is not None and value < 0:
        raise exceptions.CommandError('%s cannot be negative.' % name)


class _Base:
    """Our commands: one-line parser errors, ``self.client``."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        one_line_errors(parser)
        self.arguments(parser)
        return parser

    def arguments(self, parser):
        """Add the command's own arguments."""

    @property
    def client(self):
        return self.app.client_manager.clustering


class Command(_Base, command.Command):
    pass


class ShowOne(_Base, command.ShowOne):
    pass


class Lister(_Base, command.Lister):
    pass


def positive_int(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("invalid int value: '%s'" % text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more: '%s'" % text)
    return value


def add_list_options(parser, noun, filter_keys=None, sort_keys=None,
                     global_project=True, paging=True,
                     filters_metavar='<"key1=value1;key2=value2...">'):
    """The options of senlinclient's list commands."""
    if filter_keys is not None:
        parser.add_argument(
            '--filters', metavar=filters_metavar,
            action='append',
            help='Only %s matching these; repeat it, or separate pairs with a '
                 'semicolon. Keys: %s' % (noun, ', '.join(filter_keys)))
    if sort_keys is not None:
        parser.add_argument(
            '--sort', metavar='<key>[:<direction>]',
            help='Sort by these comma-separated keys, each optionally followed '
                 'by :asc or :desc. Keys: %s' % ', '.join(sort_keys))
    if paging:
        parser.add_argument(
            '--limit', metavar='<limit>', type=positive_int,
            help='List at most this many %s' % noun)
        parser.add_argument(
            '--marker', metavar='<id>',
            help='List the %s after the one with this ID' % noun)
    if global_project:
        parser.add_argument(
            '--global-project', default=False, action='store_true',
            help='Include the %s of every project (subject to access rules)'
                 % noun)
    parser.add_argument('--full-id', default=False, action='store_true',
                        help='Print full IDs')


def list_query(parsed_args, **extra):
    """The query string of a list command."""
    query = {}
    if getattr(parsed_args, 'sort', None):
        query['sort'] = parsed_args.sort
    if getattr(parsed_args, 'global_project', False):
        query['global_project'] = 'true'
    query.update({key: value for key, value in extra.items()
                  if value is not None})
    if getattr(parsed_args, 'filters', None):
        query.update(parse_pairs(parsed_args.filters))
    return query


def list_items(client, path, key, parsed_args, **extra):
    return client.listing(path, key, list_query(parsed_args, **extra),
                          limit=getattr(parsed_args, 'limit', None),
                          marker=getattr(parsed_args, 'marker', None))


def short_ids(parsed_args, names):
    """Formatters cutting these id columns to 8 characters (no --full-id)."""
    if parsed_args.full_id:
        return {}
    from clusterdclient import output
    return {name: output.short for name in names}


def delete_each(targets, delete, noun):
    """senlinclient's deletes of profiles, policies and receivers: each
    refusal printed, then one error if any failed."""
    failed = 0
    for target in targets:
        try:
            delete(target)
        except exceptions.CommandError as exc:
            if len(targets) == 1:
                raise       # one target: its reason is the one line printed
            failed += 1
            print(exc)
    if failed:
        raise exceptions.CommandError(
            'Failed to delete %d of the %d specified %s(s).' % (
                failed, len(targets), noun))
    print('%s deleted: %s' % (noun.capitalize(), targets))
