"""Keystone trusts: from a user to clusterd's service user, and the sessions that
act through them.

Everything here takes the ``[openstack]`` option group (``auth_url``,
``service_username``, ``service_password``, ``service_user_domain_name``,
``service_project_name``, ``service_project_domain_name``, ``trust_roles``).

- :func:`find_or_create_trust`: with the user's own token, the user's trust to
  the service user for a project (impersonation on, redelegation allowed, roles
  ``trust_roles`` or else the user's current roles), found or made.
- :func:`trust_session`: a keystoneauth1 session of the service user scoped by a
  trust (a trust-scoped token, issued again by keystoneauth1 when it expires).
"""

import datetime
import threading

from keystoneauth1 import exceptions as ksa_exceptions
from keystoneauth1.identity import v3 as ksa_v3
from keystoneauth1 import session as ksa_session

TRUSTS_PATH = '/v3/OS-TRUST/trusts'


class KeystoneError(Exception):
    """Keystone refused or could not be reached; ``message`` says which call."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class TrustError(KeystoneError):
    """The service user cannot act through ``trust_id`` (deleted, expired, or
    its trustor lost the roles)."""

    def __init__(self, trust_id, user_id, project_id, detail):
        super().__init__(
            "The Keystone trust %s (from user %s to clusterd in project %s) cannot "
            "be used: %s. It was deleted or has expired; the user's next request "
            "to clusterd creates a new one." % (trust_id, user_id, project_id,
                                                detail))
        self.trust_id = trust_id


def _base(options):
    url = (options.auth_url or '').rstrip('/')
    if not url:
        raise KeystoneError('[openstack] auth_url must be set for '
                            'connection_source = trust.')
    return url[:-3] if url.endswith('/v3') else url


def _verify(options):
    return False if options.insecure else (options.cafile or True)


def _plain_session(options):
    return ksa_session.Session(verify=_verify(options), timeout=options.api_timeout)


_SERVICE_IDS = {}
_SERVICE_LOCK = threading.Lock()


def _service_session(options, **scope):
    """A keystoneauth1 session of clusterd's service user, scoped by ``scope``
    (its project, or a trust)."""
    if not options.service_password:
        raise KeystoneError('[openstack] service_password must be set for '
                            'connection_source = trust.')
    auth = ksa_v3.Password(
        auth_url=_base(options) + '/v3', username=options.service_username,
        password=options.service_password,
        user_domain_name=options.service_user_domain_name, **scope)
    return ksa_session.Session(auth=auth, verify=_verify(options),
                               timeout=options.api_timeout)


def service_user_id(options):
    """The id of the service user (the trustee), asked of Keystone once."""
    key = (_base(options), options.service_username,
           options.service_user_domain_name)
    with _SERVICE_LOCK:
        if key in _SERVICE_IDS:
            return _SERVICE_IDS[key]
    session = _service_session(
        options, project_name=options.service_project_name,
        project_domain_name=options.service_project_domain_name)
    try:
        user_id = session.get_user_id()
    except ksa_exceptions.ClientException as exc:
        raise KeystoneError('Cannot authenticate clusterd\'s service user %s to '
                            'Keystone: %s' % (options.service_username, exc)) from exc
    with _SERVICE_LOCK:
        _SERVICE_IDS[key] = user_id
    return user_id


def _usable(trust, trustee_id, project_id):
    if trust.get('trustee_user_id') != trustee_id or \
            trust.get('project_id') != project_id:
        return False
    expires = trust.get('expires_at')
    if not expires:
        return True
    try:
        when = datetime.datetime.fromisoformat(expires.replace('Z', '+00:00'))
    except ValueError:
        return False
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return when > datetime.datetime.now(datetime.timezone.utc)


def find_or_create_trust(options, user_token, user_id, project_id, roles):
    """The id of a trust from ``user_id`` to the service user in ``project_id``.

    :param user_token: the user's token (the trustor must make the trust).
    :param roles: the user's roles in the project, delegated unless
        ``[openstack] trust_roles`` names others.
    :raises KeystoneError: if Keystone refuses or cannot be reached.
    """
    trustee_id = service_user_id(options)
    session = _plain_session(options)
    headers = {'X-Auth-Token': user_token}
    base = _base(options)
    try:
        found = session.get(base + TRUSTS_PATH, headers=headers,
                            params={'trustor_user_id': user_id},
                            authenticated=False).json().get('trusts') or []
        for trust in found:
            if _usable(trust, trustee_id, project_id):
                return trust['id']
        delegated = list(options.trust_roles or roles or [])
        body = {'trust': {
            'trustor_user_id': user_id, 'trustee_user_id': trustee_id,
            'project_id': project_id, 'impersonation': True,
            'allow_redelegation': True,
            'roles': [{'name': role} for role in delegated]}}
        made = session.post(base + TRUSTS_PATH, headers=headers, json=body,
                            authenticated=False).json()['trust']
    except ksa_exceptions.ClientException as exc:
        raise KeystoneError('Cannot find or create the Keystone trust of user %s '
                            'in project %s for clusterd: %s'
                            % (user_id, project_id, exc)) from exc
    return made['id']


def trust_session(options, trust_id, user_id=None, project_id=None):
    """A session of the service user scoped by ``trust_id``; its token is
    fetched now, so a trust Keystone no longer honours fails here.

    :raises TrustError: Keystone refuses the trust.
    :raises KeystoneError: Keystone cannot be reached or refuses the service user.
    """
    session = _service_session(options, trust_id=trust_id)
    try:
        session.get_token()
    except (ksa_exceptions.Unauthorized, ksa_exceptions.NotFound,
            ksa_exceptions.Forbidden) as exc:
        raise TrustError(trust_id, user_id, project_id, exc) from exc
    except ksa_exceptions.ClientException as exc:
        raise KeystoneError('Cannot get a token for trust %s from Keystone: %s'
                            % (trust_id, exc)) from exc
    return session


def is_trust_failure(exc):
    """Whether ``exc``, raised by a call through a trust-scoped session, is
    Keystone refusing the trust (when the token is issued again)."""
    return isinstance(exc, (ksa_exceptions.Unauthorized, ksa_exceptions.NotFound,
                            ksa_exceptions.Forbidden,
                            ksa_exceptions.AuthorizationFailure))
