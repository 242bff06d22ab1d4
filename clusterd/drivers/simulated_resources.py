"""What the simulated OpenStack services share: openstacksdk-like resources,
Nova-like errors and the proxy base that counts requests and injects failures."""

import copy
import datetime
import uuid

from openstack import exceptions as sdk_exceptions


def new_id():
    return str(uuid.uuid4())


def iso(epoch):
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime(
        '%Y-%m-%dT%H:%M:%SZ')


def parse_time(text):
    if isinstance(text, datetime.datetime):
        value = text
    else:
        value = datetime.datetime.fromisoformat(str(text).replace('Z', '+00:00'))
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value.timestamp()


def _exception(cls, code, message):
    # NOTE: openstacksdk reads the status from a response; the simulated cloud
    # has none, so it sets the attribute the sdk's own readers use.
    exc = cls(message=message, details=message)
    exc.status_code = code
    return exc


def not_found(kind, name_or_id, lookup=False):
    """openstacksdk's exception for something missing, in its words ("No
    Flavor found for x"): a 404 from the service, or with ``lookup`` what its
    find_* raise when no list has the name (ResourceNotFound, no status)."""
    message = 'No %s found for %s' % (kind, name_or_id)
    if lookup:
        return sdk_exceptions.ResourceNotFound(message=message, details=message)
    return _exception(sdk_exceptions.NotFoundException, 404, message)


def http_error(code, message):
    """openstacksdk's exception for an HTTP error ``code``."""
    cls = {400: sdk_exceptions.BadRequestException,
           403: sdk_exceptions.ForbiddenException,
           404: sdk_exceptions.NotFoundException,
           409: sdk_exceptions.ConflictException}.get(code,
                                                      sdk_exceptions.HttpException)
    return _exception(cls, code, message)


class Resource:
    """What an openstacksdk resource looks like to its reader: attributes
    (``None`` for one the cloud did not set) and ``to_dict``."""

    def __init__(self, **attrs):
        self.__dict__.update(attrs)

    def __getattr__(self, name):
        if name.startswith('__'):
            raise AttributeError(name)
        return None

    def __getitem__(self, key):
        return self.__dict__.get(key)

    def get(self, key, default=None):
        return self.__dict__.get(key, default)

    def to_dict(self, headers=False, computed=False, ignore_none=True, **_ignored):
        result = {}
        for key, value in self.__dict__.items():
            if key.startswith('_') or (ignore_none and value is None):
                continue
            result[key] = value.to_dict() if isinstance(value, Resource) else \
                copy.deepcopy(value)
        return result


class Proxy:
    SERVICE = None

    def __init__(self, conn):
        self.conn = conn
        self.cloud = conn.cloud

    def _enter(self, method, verb, path):
        """Count the request and raise a failure injected for ``method``."""
        self.conn._counter.count(verb, path)
        injected = self.cloud.take_injected(method)
        if injected is not None:
            raise http_error(*injected)
