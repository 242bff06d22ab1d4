"""``clusterd.process-1.0``: each node is a local OS process on the engine's host.

The embedded default profile: clusters that work on any Linux machine, with no
cloud at all::

    type: clusterd.process
    version: 1.0
    properties:
      command: [python3, -m, http.server, '{port}', --bind, 127.0.0.1]
      port_range: 20000-29999
      health_url: http://127.0.0.1:{port}/
      env: {PYTHONUNBUFFERED: '1'}
      stop_signal: SIGTERM
      stop_timeout: 10

``{port}``, ``{node_name}``, ``{node_index}`` and ``{node_id}`` are replaced in
every item of ``command``, in the values of ``env``, in ``cwd`` and in
``health_url``.  A port is reserved per node only when ``{port}`` is used.

What runs where: the processes of a node live on one host, the one whose engine
created it (``[DEFAULT] host``).  The record of each node
(:class:`clusterd.drivers.process.RecordStore`, in ``[process] state_dir``) is the
truth about its process; the node's physical id, ``<host>:<pid>:<start time>``,
is the process it had when it was created or last recovered.  Operations that
restart a process (``update``, ``restart``, ``start``) change the process but not
the physical id the engine stored, so everything here reads the record first.
"""

import concurrent.futures
import os
import socket
import time

from oslo_log import log as logging

from clusterd import schema
from clusterd.conf import process as process_conf
from clusterd.drivers import process as process_driver
from clusterd.profiles import base

LOG = logging.getLogger(__name__)
# The placeholders replaced in command, env values, cwd and health_url.
PLACEHOLDERS = ('port', 'node_name', 'node_index', 'node_id')

# The variables of the engine's environment a process inherits.  NOTE: only
# these: the engine's environment may hold credentials (OS_PASSWORD, a database
# URL) that a user's command has no business seeing; `env` adds the rest.
INHERITED_ENV = ('PATH', 'HOME', 'LANG', 'LANGUAGE', 'TZ', 'TMPDIR', 'USER',
                 'LOGNAME', 'SHELL')

# Without a health_url, how long a fresh process must stay up for its start to
# count as a success (catches commands that fail at once: bad arguments, a port
# taken by then).
START_GRACE = 0.5
# Pause between health probes while a process starts.
PROBE_INTERVAL = 0.1
# Health probes run at once by one list_resources call.
PROBE_THREADS = 16

# Resource statuses as this backend words them (list_resources).
STARTING = 'STARTING'
RUNNING = 'RUNNING'
STOPPED = 'STOPPED'
EXITED = 'EXITED'
UNHEALTHY = 'UNHEALTHY'


def substitute(text, values):
    """Replace the placeholders of :data:`PLACEHOLDERS` in ``text``.

    Plain replacement, not ``str.format``: other braces (a JSON argument) stay as
    they are.
    """
    for name in PLACEHOLDERS:
        token = '{%s}' % name
        if token in text:
            text = text.replace(token, str(values.get(name)))
    return text


def physical_id(record):
    """``<host>:<pid>:<start time>`` of a record with a process."""
    return '%s:%d:%d' % (record['host'], record['pid'], record['start_time'])


def parse_physical_id(value):
    """``(host, pid, start time)`` from a physical id, or ``None`` for anything
    that is not one of ours."""
    parts = (value or '').rsplit(':', 2)
    if len(parts) != 3 or not parts[0]:
        return None
    try:
        return parts[0], int(parts[1]), int(parts[2])
    except ValueError:
        return None


class ProcessProfile(base.Profile):
    """Nodes that are processes of the engine's host."""

    TYPE = 'clusterd.process'
    VERSION = '1.0'
    SUPPORT_STATUS = {'1.0': [{'status': 'SUPPORTED', 'since': '2026.11'}]}

    # NOTE: every property is updatable: an update restarts the process with the
    # new profile, which can change anything.
    properties_schema = {
        'command': schema.List(
            'The command to run, as a list of arguments (no shell); {port}, '
            '{node_name}, {node_index} and {node_id} are replaced in each.',
            schema=schema.String('One argument.'), required=True, updatable=True),
        'env': schema.Map(
            'Environment variables for the process, with the placeholders '
            'replaced in the values. The process inherits only PATH, HOME, LANG, '
            'LC_*, TZ, TMPDIR, USER, LOGNAME and SHELL from the engine, and gets '
            'CLUSTERD_NODE_ID, CLUSTERD_NODE_NAME, CLUSTERD_NODE_INDEX and '
            'CLUSTERD_PORT.', default={}, updatable=True),
        'cwd': schema.String(
            'Absolute working directory (placeholders replaced); default: an '
            'empty directory per node in the [process] state_dir.',
            updatable=True),
        'port_range': schema.String(
            'Ports to choose the {port} of each node from, e.g. 20000-29999. A '
            'port is reserved per node (and kept across restarts) only when '
            '{port} is used.', default='20000-29999', updatable=True),
        'health_url': schema.String(
            'An http(s) URL (placeholders replaced), e.g. '
            'http://127.0.0.1:{port}/health; when given, a node is healthy only '
            'if it answers 2xx, and a start waits for that.', updatable=True),
        'stop_signal': schema.String(
            'The signal that asks the process group to stop.',
            default='SIGTERM', updatable=True),
        'stop_timeout': schema.Number(
            'Seconds to wait after stop_signal before SIGKILL of the process '
            'group.', default=10, updatable=True,
            constraints=[schema.Range(min=0)]),
        'start_timeout': schema.Number(
            'Seconds a start may take until health_url answers 2xx.',
            default=30, updatable=True, constraints=[schema.Range(min=0)]),
    }

    STOPPING_OPERATIONS = {'stop': 'stopped'}

    OPERATIONS = {
        'start': {'description': 'Start the process if it does not run (on the '
                                 'same port).', 'parameters': {}},
        'stop': {'description': 'Stop the process (stop_signal, then SIGKILL '
                                'after stop_timeout); its port stays reserved.',
                 'parameters': {}},
        'restart': {'description': 'Stop the process, then start it again on the '
                                   'same port.', 'parameters': {}},
        'signal': {
            'description': 'Send a signal to the process (not its children).',
            'parameters': {
                'signal': {'type': 'String', 'required': True,
                           'description': 'A signal name or number, e.g. HUP, '
                                          'SIGUSR1 or 10.'},
            },
        },
    }

    def __init__(self, name, spec, conf=None, profile_id=None):
        super().__init__(name, spec, conf=conf, profile_id=profile_id)
        self._check_properties()
        self._store = None

    def _check_properties(self):
        """What the schema language cannot say; :raises schema.InvalidSpec:."""
        props = self.properties
        if not props['command']:
            raise schema.InvalidSpec('the command must not be empty',
                                     'properties.command')
        env = {}
        for key, value in props['env'].items():
            if not isinstance(value, (str, int, float)) or isinstance(value, bool):
                raise schema.InvalidSpec("'%s' is not a string" % (value,),
                                         'properties.env.%s' % key)
            env[str(key)] = str(value)
        props['env'] = env
        try:
            self.ports = process_driver.parse_port_range(props['port_range'])
        except ValueError as exc:
            raise schema.InvalidSpec(str(exc), 'properties.port_range') from None
        try:
            self.stop_signal = process_driver.parse_signal(props['stop_signal'])
        except ValueError as exc:
            raise schema.InvalidSpec(str(exc), 'properties.stop_signal') from None
        if props['cwd'] is not None and \
                not os.path.isabs(os.path.expanduser(props['cwd'])):
            raise schema.InvalidSpec("'%s' is not an absolute path" % props['cwd'],
                                     'properties.cwd')
        url = props['health_url']
        if url is not None and not url.lower().startswith(('http://', 'https://')):
            raise schema.InvalidSpec("'%s' is not an http or https URL" % url,
                                     'properties.health_url')

    # --- configuration ----------------------------------------------------------

    @property
    def store(self):
        if self._store is None:
            self._store = process_driver.RecordStore(
                process_conf.state_dir(self.conf))
        return self._store

    @property
    def host(self):
        return self.conf.host if self.conf is not None else socket.gethostname()

    @property
    def health_check_timeout(self):
        return (self.conf.process.health_check_timeout if self.conf is not None
                else 2.0)

    def _uses_port(self):
        props = self.properties
        texts = list(props['command']) + list(props['env'].values()) + \
            [props['cwd'] or '', props['health_url'] or '']
        return any('{port}' in text for text in texts)

    # --- records --------------------------------------------------------------------

    def _record(self, node):
        """The node's record (``None`` if there is none), after making sure the
        node lives on this host.

        :raises base.ResourceError: if it runs on another host.
        """
        record = self._load(node)
        if record is not None:
            host = record.get('host')
        else:
            parsed = parse_physical_id(node.physical_id)
            host = parsed[0] if parsed else None
        if host and host != self.host:
            raise base.ResourceError(
                "node %s runs on host %s; this engine is on host %s"
                % (node.name or node.id, host, self.host))
        return record

    def _load(self, node):
        try:
            return self.store.load(node.id)
        except process_driver.ProcessError as exc:
            raise base.ResourceError(str(exc), node.physical_id) from exc

    def _save(self, node, record):
        try:
            self.store.save(record)
        except process_driver.ProcessError as exc:
            raise base.ResourceError(str(exc), node.physical_id) from exc

    @staticmethod
    def _alive(record, procs=None):
        return bool(record) and process_driver.is_alive(
            record.get('pid'), record.get('start_time'), record.get('boot_id'),
            procs)

    def _adopt(self, node, record):
        """Find the process of a record that has no pid: the engine died between
        spawning it and writing the pid down.  :returns: the updated record or
        ``None``."""
        leaders = process_driver.find_by_environ(process_driver.NODE_ID_ENV,
                                                 node.id)
        if not leaders:
            return None
        # NOTE: there is one unless someone copied the node's environment by
        # hand; then the newest is taken.
        info = max(leaders, key=lambda found: found.start_time)
        record.update(pid=info.pid, start_time=info.start_time,
                      boot_id=process_driver.boot_id(),
                      state=process_driver.RUNNING)
        self._save(node, record)
        return record

    # --- starting and stopping ------------------------------------------------------

    def _start(self, node, previous):
        """Start the node's process with this profile, on the port of
        ``previous`` (a record) when there is one in this profile's range.

        :returns: the physical id.
        :raises base.ResourceError: if it cannot start or does not become healthy.
        """
        props = self.properties
        store = self.store
        with store.locked():
            port = (previous or {}).get('port')
            if not self._uses_port():
                port = None
            elif port is None or not self.ports[0] <= port <= self.ports[1]:
                port = self._reserve_port(node)
            values = {'port': port, 'node_name': node.name,
                      'node_index': node.index, 'node_id': node.id}
            cwd = props['cwd']
            if cwd is not None:
                cwd = os.path.expanduser(substitute(cwd, values))
            record = {
                'node_id': node.id, 'node_name': node.name, 'host': self.host,
                # Tells reconcile which cluster an orphaned record was made for.
                'cluster_id': node.cluster_id or None,
                'boot_id': process_driver.boot_id(), 'pid': None,
                'start_time': None, 'port': port, 'profile_id': self.id,
                'command': [substitute(item, values) for item in props['command']],
                'cwd': cwd or store.work_dir(node.id),
                'default_cwd': cwd is None,
                'health_url': (substitute(props['health_url'], values)
                               if props['health_url'] else None),
                'log_file': store.log_file(node.id),
                'state': process_driver.STARTING,
                'started_at': process_driver.utcnow(),
            }
            # Written before spawning: it holds the port, and it tells a create
            # retried after a crash to look for the process by the node id.
            self._save(node, record)
        env = self._environment(node, values)
        try:
            if record['default_cwd']:
                store.work_dir(node.id, create=True)
            info = process_driver.spawn(record['command'], env, record['cwd'],
                                        record['log_file'])
        except (OSError, process_driver.ProcessError) as exc:
            record['state'] = process_driver.STOPPED
            self._save(node, record)
            raise base.ResourceError('Failed to start the process of node %s: %s'
                                     % (node.name or node.id, exc)) from exc
        record.update(pid=info.pid, start_time=info.start_time,
                      state=process_driver.RUNNING)
        self._save(node, record)
        LOG.info('Started process %d of node %s (port %s): %s', info.pid, node.id,
                 port, ' '.join(record['command']))
        return self._wait_ready(node, record, fresh=True)

    def _reserve_port(self, node):
        # Called with the store locked: the records are the reservations.
        taken = {record.get('port') for record in self.store.all()
                 if record.get('node_id') != node.id}
        port = process_driver.choose_port(self.ports[0], self.ports[1], taken)
        if port is None:
            raise base.ResourceError(
                'No free port left in %s for node %s.'
                % (self.properties['port_range'], node.name or node.id))
        return port

    def _environment(self, node, values):
        env = {key: value for key, value in os.environ.items()
               if key in INHERITED_ENV or key.startswith('LC_')}
        env.setdefault('PATH', os.defpath)
        env.update({'CLUSTERD_NODE_NAME': str(node.name),
                    'CLUSTERD_NODE_INDEX': str(node.index)})
        if values['port'] is not None:
            env['CLUSTERD_PORT'] = str(values['port'])
        env.update({key: substitute(value, values)
                    for key, value in self.properties['env'].items()})
        # Last, so that no `env` can hide the node id: finding the process of an
        # interrupted create depends on it.
        env[process_driver.NODE_ID_ENV] = node.id
        return env

    def _wait_ready(self, node, record, fresh=False):
        """Wait until the process answers its health_url (or, without one, until
        a fresh process has outlived :data:`START_GRACE`).

        :returns: the physical id.
        :raises base.ResourceError: with the physical id, if the process exits or
            stays unhealthy for ``start_timeout`` seconds.
        """
        started = time.monotonic()
        timeout = self.properties['start_timeout']
        url = record.get('health_url')
        if not url:
            if fresh:
                time.sleep(min(START_GRACE, timeout))
            if not self._alive(record):
                raise self._exited(node, record)
            return physical_id(record)
        while True:
            if not self._alive(record):
                raise self._exited(node, record)
            remaining = started + timeout - time.monotonic()
            healthy, reason = process_driver.probe_url(
                url, max(min(self.health_check_timeout, remaining), 0.1))
            if healthy:
                return physical_id(record)
            if time.monotonic() - started >= timeout:
                raise base.ResourceError(
                    'The process of node %s (pid %d) is not healthy %g s after '
                    'it started: %s' % (node.name or node.id, record['pid'],
                                        timeout, reason), physical_id(record))
            time.sleep(PROBE_INTERVAL)

    def _exited(self, node, record):
        code = process_driver.exit_code(record['pid'])
        how = 'exited' if code is None else 'exited with status %d' % code
        message = 'The process of node %s (pid %d) %s.' % (
            node.name or node.id, record['pid'], how)
        tail = process_driver.log_tail(record['log_file'])
        if tail:
            message += ' Last lines of %s:\n%s' % (record['log_file'], tail)
        return base.ResourceError(message, physical_id(record))

    def _stop(self, node, record, force=False):
        """Stop whatever process the node has: stop_signal, then SIGKILL of the
        group after stop_timeout (at once when ``force``).  A process already
        gone is success.

        :raises base.ResourceError: if the processes cannot be stopped.
        """
        targets = []
        if record is not None and record.get('pid'):
            targets.append((record['pid'], record['start_time'],
                            record.get('boot_id')))
        elif record is not None or not node.physical_id:
            # No pid written down: whatever carries the node id is its process.
            targets.extend((info.pid, info.start_time, None) for info in
                           process_driver.find_by_environ(
                               process_driver.NODE_ID_ENV, node.id))
        else:
            parsed = parse_physical_id(node.physical_id)
            if parsed:
                targets.append((parsed[1], parsed[2], None))
        timeout = 0 if force else self.properties['stop_timeout']
        try:
            for pid, start_time, boot in targets:
                if process_driver.stop(pid, start_time, self.stop_signal, timeout,
                                       boot):
                    LOG.info('Stopped process %d of node %s', pid, node.id)
        except process_driver.ProcessError as exc:
            raise base.ResourceError('Failed to stop the process of node %s: %s'
                                     % (node.name or node.id, exc),
                                     node.physical_id) from exc

    # --- what the engine calls ------------------------------------------------------

    def create(self, ctx, node):
        """Start the node's process, or find the one an interrupted create
        started (by the record, else by the node id in the processes'
        environments); see :meth:`base.Profile.create`."""
        record = self._record(node)
        if record is not None:
            if not record.get('pid') and record.get('state') == \
                    process_driver.STARTING:
                record = self._adopt(node, record) or record
            if self._alive(record):
                return self._wait_ready(node, record)
            # Children a dead process left behind may still hold its port.
            self._stop(node, record)
        return self._start(node, record)

    def delete(self, ctx, node, force=False):
        """Stop the node's process (gracefully unless ``force``) and forget its
        record, log and default working directory; see
        :meth:`base.Profile.delete`."""
        record = self._record(node)
        self._stop(node, record, force)
        try:
            self.store.remove(node.id)
        except (OSError, process_driver.ProcessError) as exc:
            raise base.ResourceError('Failed to remove the files of node %s: %s'
                                     % (node.name or node.id, exc)) from exc

    def update(self, ctx, node, new_profile):
        """Restart the process with ``new_profile``'s settings, on the same port
        when it is in the new range; see :meth:`base.Profile.update`.

        NOTE: the process (hence the physical id) changes; the engine keeps the
        old physical id, and the record says which process is current.
        """
        record = self._record(node)
        self._stop(node, record)
        new_profile._start(node, record)

    def check(self, ctx, node):
        """Healthy: the recorded process (same pid and start time, not a zombie)
        runs and, when it has a health_url, answers 2xx; see
        :meth:`base.Profile.check`."""
        record = self._record(node)
        if record is None:
            parsed = parse_physical_id(node.physical_id)
            return bool(parsed) and process_driver.is_alive(parsed[1], parsed[2])
        if record.get('state') == process_driver.STOPPED or not self._alive(record):
            return False
        if record.get('health_url'):
            healthy, _reason = process_driver.probe_url(
                record['health_url'], self.health_check_timeout)
            return healthy
        return True

    def recover(self, ctx, node, operation=None, params=None):
        """Restart the process on the same port, whatever ``operation`` asks
        (a process has no gentler or harsher way back); ``force`` in ``params``
        skips the graceful stop.  See :meth:`base.Profile.recover`."""
        record = self._record(node)
        self._stop(node, record, force=bool((params or {}).get('force')))
        return self._start(node, record)

    def get_details(self, ctx, node):
        """``host``, ``pid``, ``port``, ``command``, ``log_file``, ``alive`` and
        more from the record; ``{}`` when the node has none."""
        record = self._record(node)
        if record is None:
            return {}
        details = {key: record.get(key) for key in (
            'host', 'pid', 'start_time', 'port', 'command', 'cwd', 'log_file',
            'health_url', 'state', 'started_at')}
        details['alive'] = self._alive(record)
        return details

    def list_resources(self, ctx, nodes):
        """The state of every node's process from ONE pass over /proc (plus the
        health URLs, probed concurrently); see :meth:`base.Profile.list_resources`.
        """
        nodes = list(nodes)
        result, records = {}, {}
        for node in nodes:
            try:
                records[node.id] = self._record(node)
            except base.ResourceError as exc:
                result[node.id] = base.resource_status(
                    node.physical_id, base.UNKNOWN, exc.message, None)
        wanted = []
        for node in nodes:
            if node.id in result:
                continue
            record = records[node.id]
            if record is None:
                parsed = parse_physical_id(node.physical_id)
                if parsed:
                    records[node.id] = record = {
                        'pid': parsed[1], 'start_time': parsed[2],
                        'host': parsed[0], 'state': process_driver.RUNNING}
            if record and record.get('pid'):
                wanted.append(record['pid'])
        procs = process_driver.scan(wanted)
        probes = {}
        for node in nodes:
            if node.id in result:
                continue
            record = records[node.id]
            if record is None:
                result[node.id] = base.resource_status(
                    node.physical_id, base.MISSING,
                    'The node has no process on this host.', False)
            elif not record.get('pid'):
                result[node.id] = base.resource_status(
                    node.physical_id, STARTING, 'The process is being started.',
                    None)
            elif record.get('state') == process_driver.STOPPED:
                result[node.id] = base.resource_status(
                    self._current_id(node, record), STOPPED,
                    'The process was stopped.', False)
            elif not self._alive(record, procs):
                result[node.id] = base.resource_status(
                    self._current_id(node, record), EXITED,
                    'The process (pid %s) is not running.' % record.get('pid'),
                    False)
            elif record.get('health_url'):
                probes[node.id] = record
            else:
                result[node.id] = base.resource_status(
                    self._current_id(node, record), RUNNING, None, True)
        result.update(self._probe_all(nodes, probes))
        return result

    def list_cluster_resources(self, ctx, cluster, nodes):
        """Every node's process, and every record of this host made for a node
        of ``cluster`` (one read of the record directory); see
        :meth:`base.Profile.list_cluster_resources`.

        NOTE: records live on the host that runs the processes; an engine on
        another host sees none of them, hence no orphans of that host.
        """
        nodes = list(nodes)
        resources = self.list_resources(ctx, nodes)
        node_ids = {node.id for node in nodes}
        try:
            records = self.store.all()
        except (OSError, process_driver.ProcessError) as exc:
            LOG.warning('Cannot read the process records of %s: %s',
                        self.store.root, exc)
            return resources, None
        tagged = []
        for record in records:
            if record.get('host') != self.host or not record.get('pid'):
                continue
            if record['node_id'] in node_ids or \
                    record.get('cluster_id') == cluster.id:
                alive = self._alive(record)
                tagged.append(base.tagged_resource(
                    physical_id(record), record['node_id'],
                    RUNNING if alive else EXITED, record.get('node_name')))
        return resources, tagged

    def delete_orphan(self, ctx, cluster, resource):
        """Stop the orphan's process group (SIGKILL after stop_timeout) and
        forget its record, when the record still names that process."""
        node_id = resource[base.NODE_ID]
        record = self._load(_Orphan(node_id))
        if record is None or record.get('pid') is None or \
                physical_id(record) != resource[base.PHYSICAL_ID]:
            return
        orphan = _Orphan(node_id, record.get('node_name'))
        self._stop(orphan, record)
        try:
            self.store.remove(node_id)
        except (OSError, process_driver.ProcessError) as exc:
            raise base.ResourceError('Failed to remove the files of orphan %s: %s'
                                     % (node_id, exc)) from exc

    def endpoints(self, ctx, nodes, network=None):
        """127.0.0.1 (processes serve on the engine's host), the node's
        reserved port and the host from its record; see
        :meth:`base.Profile.endpoints`."""
        result = {}
        for node in nodes:
            try:
                record = self._load(node) or {}
            except base.ResourceError:
                record = {}
            result[node.id] = {'node_ip': '127.0.0.1', 'port': record.get('port'),
                               'host': record.get('host') or self.host}
        return result

    def fence(self, ctx, node, targets=()):
        """SIGKILL the node's process group at once (no graceful stop): a hung
        process cannot hold its port or files any more.  See
        :meth:`base.Profile.fence`."""
        self._stop(node, self._record(node), force=True)

    def _probe_all(self, nodes, probes):
        if not probes:
            return {}
        by_id = {node.id: node for node in nodes}
        with concurrent.futures.ThreadPoolExecutor(
                max_workers=min(PROBE_THREADS, len(probes))) as pool:
            futures = {node_id: pool.submit(process_driver.probe_url,
                                            record['health_url'],
                                            self.health_check_timeout)
                       for node_id, record in probes.items()}
        result = {}
        for node_id, future in futures.items():
            healthy, reason = future.result()
            result[node_id] = base.resource_status(
                self._current_id(by_id[node_id], probes[node_id]),
                RUNNING if healthy else UNHEALTHY, reason, healthy)
        return result

    @staticmethod
    def _current_id(node, record):
        return physical_id(record) if record.get('pid') else node.physical_id

    # --- node operations (OPERATIONS) ---------------------------------------------

    def handle_start(self, ctx, node):
        record = self._record(node)
        if record is not None and record.get('state') != process_driver.STOPPED \
                and self._alive(record):
            return physical_id(record)
        return self._start(node, record)

    def handle_stop(self, ctx, node):
        record = self._record(node)
        self._stop(node, record)
        if record is not None:
            record['state'] = process_driver.STOPPED
            self._save(node, record)

    def handle_restart(self, ctx, node):
        record = self._record(node)
        self._stop(node, record)
        return self._start(node, record)

    def handle_signal(self, ctx, node, signal=None):
        # NOTE: `signal` is the parameter's name on the wire.
        try:
            number = process_driver.parse_signal(signal)
        except ValueError as exc:
            raise base.ResourceError(str(exc)) from None
        record = self._record(node)
        try:
            sent = record is not None and process_driver.send_signal(
                record.get('pid'), record.get('start_time'), number,
                record.get('boot_id'))
        except process_driver.ProcessError as exc:
            raise base.ResourceError(str(exc), node.physical_id) from exc
        if not sent:
            raise base.ResourceError('The process of node %s is not running.'
                                     % (node.name or node.id), node.physical_id)


class _Orphan:
    """What :meth:`ProcessProfile._stop` needs of a node whose row is gone."""

    def __init__(self, node_id, name=None):
        self.id = node_id
        self.name = name
        self.physical_id = None
