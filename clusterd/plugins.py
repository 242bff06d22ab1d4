"""Profile and policy plugin classes, found through stevedore entry points.

One namespace per kind: ``clusterd.profiles`` and ``clusterd.policies``.  An entry
point's name is the full type name Senlin used, ``<type>-<version>``
(``clusterd.simulated-1.0``, ``senlin.policy.deletion-1.1``), and it points at the
plugin class.  The entry points are scanned once per process and cached: a scan
reads the metadata of every installed distribution, far too slow to do per request.
"""

import logging
import threading

import stevedore

LOG = logging.getLogger(__name__)

PROFILE_NAMESPACE = 'clusterd.profiles'
POLICY_NAMESPACE = 'clusterd.policies'


class PluginTypeNotFound(LookupError):
    """No plugin of that kind is registered under the type name."""

    kind = 'plugin_type'

    def __init__(self, type_name):
        super().__init__("The %s '%s' could not be found." % (self.kind, type_name))
        self.type_name = type_name


class ProfileTypeNotFound(PluginTypeNotFound):
    kind = 'profile_type'


class PolicyTypeNotFound(PluginTypeNotFound):
    kind = 'policy_type'


class _Registry:
    """The plugin classes of one namespace: the entry points, plus classes
    registered at run time (see :func:`register_profile`)."""

    def __init__(self, namespace, not_found):
        self.namespace = namespace
        self.not_found = not_found
        self._lock = threading.Lock()
        self._scanned = None
        self._registered = {}

    def _scan(self):
        with self._lock:
            if self._scanned is None:
                manager = stevedore.ExtensionManager(
                    self.namespace, invoke_on_load=False,
                    on_load_failure_callback=self._load_failed)
                self._scanned = {ext.name: ext.plugin for ext in manager}
            return self._scanned

    def _load_failed(self, manager, entry_point, exc):
        # One broken plugin must not take the others (and the service) down; its
        # type then answers "could not be found" and this log says why.
        LOG.error('Cannot load %s plugin %s: %s', self.namespace, entry_point, exc)

    def types(self):
        found = dict(self._scan())
        found.update(self._registered)
        return found

    def get(self, type_name):
        cls = self._registered.get(type_name) or self._scan().get(type_name)
        if cls is None:
            raise self.not_found(type_name)
        return cls

    def register(self, type_name, cls):
        self._registered[type_name] = cls

    def unregister(self, type_name):
        self._registered.pop(type_name, None)

    def rescan(self):
        with self._lock:
            self._scanned = None


_PROFILES = _Registry(PROFILE_NAMESPACE, ProfileTypeNotFound)
_POLICIES = _Registry(POLICY_NAMESPACE, PolicyTypeNotFound)


def profile_types():
    """Every profile type.

    :returns: dict of type name (``'clusterd.simulated-1.0'``) to profile class.
    """
    return _PROFILES.types()


def profile_class(type_name):
    """The profile class registered as ``type_name`` (``'os.nova.server-1.0'``).

    :raises ProfileTypeNotFound: (a ``LookupError``) if there is none.
    """
    return _PROFILES.get(type_name)


def policy_types():
    """Every policy type.

    :returns: dict of type name (``'senlin.policy.deletion-1.1'``) to policy class.
    """
    return _POLICIES.types()


def policy_class(type_name):
    """The policy class registered as ``type_name``.

    :raises PolicyTypeNotFound: (a ``LookupError``) if there is none.
    """
    return _POLICIES.get(type_name)


def register_profile(type_name, cls):
    """Add (or shadow) a profile type in this process only.

    NOTE: a test seam.  Tests use it to add a plugin class at run time without
    installing an entry point or mocking stevedore; pair it with
    :func:`unregister_profile`.  Services load their plugins from entry points.
    """
    _PROFILES.register(type_name, cls)


def unregister_profile(type_name):
    """Undo :func:`register_profile` (a test seam; entry points are unaffected)."""
    _PROFILES.unregister(type_name)


def register_policy(type_name, cls):
    """Like :func:`register_profile`, for policy types (a test seam)."""
    _POLICIES.register(type_name, cls)


def unregister_policy(type_name):
    """Undo :func:`register_policy` (a test seam)."""
    _POLICIES.unregister(type_name)


def rescan():
    """Forget the cached entry-point scan, e.g. after installing a plugin package
    into a running interpreter (tests, ``clusterd-manage``)."""
    _PROFILES.rescan()
    _POLICIES.rescan()
