"""A real deployment under load, faults injected into it, and the invariants that
must hold afterwards.

:class:`Deployment` runs ``clusterd-api`` and two ``clusterd-engine`` processes,
as an operator runs them, on a private database server (``servers.py``) and
RabbitMQ behind a :class:`tests.services.TcpProxy` (so the broker can be cut
without touching the shared one).  :class:`Load` is a few clients creating
clusters of ``clusterd.simulated`` nodes (with latency), scaling them out and
in, resizing and deleting them, recording every answer.  :class:`Faults` does
the damage and measures recovery; :func:`check_invariants` reads the database.

Used by ``tests/faults/test_faults.py`` (bounded, in CI) and
``benchmarks/fault_soak.py`` (many rounds, random fault times).
"""

import collections
import datetime
import http.client
import json
import os
import random
import signal
import subprocess
import threading
import time
import uuid

import sqlalchemy as sa

from clusterd.db import api as db_api
from clusterd.db import migration
from clusterd.db import models
from tests import services
from tests.faults import servers

TRANSIENT_NODE_STATUSES = ('INIT', 'CREATING', 'DELETING', 'UPDATING',
                           'RECOVERING', 'OPERATING')
TERMINAL = ('SUCCEEDED', 'FAILED', 'CANCELLED')
HEADERS = {'X-User-Id': 'fault-user', 'X-Project-Id': 'fault-project',
           'X-Roles': 'admin', 'Content-Type': 'application/json',
           'OpenStack-API-Version': 'clustering 1.12'}


class Process:
    """One clusterd command with its config file and log."""

    def __init__(self, deployment, name, command, **groups):
        self.deployment = deployment
        self.name = name
        self.command = command
        groups.setdefault('DEFAULT', {}).update(host=name)
        self.conf_file = services.write_conf(
            _Path(os.path.join(deployment.directory, '%s.conf' % name)), **groups)
        self.proc = None
        # One log per process started under this name (a killed engine is
        # started again).
        self.log_paths = []

    def start(self):
        base = os.path.join(self.deployment.directory, '%s-%d' % (
            self.name, len(self.log_paths) + 1))
        self.log_paths.append(base + '.log')
        with open(base + '.stderr', 'wb') as stderr:
            self.proc = subprocess.Popen(
                [services.command(self.command), '--config-file', self.conf_file,
                 '--log-file', base + '.log'],
                stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True)
        return self

    def kill(self):
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self, timeout=60):
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else None
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return 'killed'

    def log(self):
        """The logs of every process started under this name, one after the
        other."""
        texts = []
        for path in self.log_paths:
            try:
                with open(path, errors='replace') as stream:
                    texts.append(stream.read())
            except OSError:
                pass
        return '\n'.join(texts)


class _Path(str):
    def write_text(self, text):
        with open(self, 'w') as stream:
            stream.write(text)


class Deployment:
    """A private database, RabbitMQ through a proxy, one API and two engines.

    :param backend: 'mysql' or 'postgresql'
    :param lease: ``[engine] lease_seconds``
    :param heartbeat: ``[engine] heartbeat_interval``
    :param groups: more config for every process, {group: {option: value}}
        (e.g. ``{'DEFAULT': {'cloud_backend': 'simulated'}, 'simulated':
        {...}}``); :meth:`simulated_cloud` adds the simulated cloud's.
    """

    def __init__(self, backend, lease=10.0, heartbeat=2.0, latency=0.3,
                 driver=None, groups=None):
        self.backend = backend
        self.lease = lease
        self.heartbeat = heartbeat
        self.latency = latency
        rabbit = services.require_rabbit()
        kwargs = {'driver': driver} if driver and backend == 'postgresql' else {}
        self.server = servers.private_server(backend, **kwargs)
        self.directory = self.server.directory
        name = 'clusterd_faults_%s' % uuid.uuid4().hex[:8]
        self.url = self.server.create_database(name)
        database = db_api.Database(self.url, max_retries=0)
        try:
            migration.upgrade(database)
        finally:
            database.dispose()
        self.db = sa.create_engine(db_api.driver_url(self.url), pool_pre_ping=True,
                                  pool_size=4)
        del rabbit  # reachable: the proxy forwards to it
        self.proxy = services.TcpProxy(5672).start()
        self.transport_url = 'rabbit://guest:guest@127.0.0.1:%d/' % self.proxy.port
        self.topic = 'clusterd-faults-%s' % uuid.uuid4().hex[:8]
        self.api_port = services.free_port()
        self.api_url = 'http://127.0.0.1:%d' % self.api_port
        common = {
            'database': {'connection': self.url},
            'engine': {'topic': self.topic, 'lease_seconds': lease,
                       'heartbeat_interval': heartbeat, 'scan_interval': 0.5,
                       'reconcile_interval': 0},
        }
        # Soaks leave many clusters behind (bursts, clusters not deleted).
        quota = {'transport_url': self.transport_url,
                 'max_clusters_per_project': 1000000}
        extra = {group: dict(values) for group, values in (groups or {}).items()}
        quota.update(extra.pop('DEFAULT', {}))
        common.update(extra)
        self.api = Process(self, 'api', 'clusterd-api', DEFAULT=dict(quota),
                           api={'bind_host': '127.0.0.1', 'bind_port': self.api_port,
                                'auth_strategy': 'noauth', 'threads': 32},
                           **common)
        self.engines = {
            name: Process(self, name, 'clusterd-engine', DEFAULT=dict(quota),
                          **common)
            for name in ('engine-a', 'engine-b')}

    @staticmethod
    def simulated_cloud(directory, **options):
        """The config groups that put every process on one simulated OpenStack
        cloud: ``cloud_backend = simulated`` with a shared ``[simulated]
        state_file`` (its file lock makes the processes take turns), in
        ``directory``.  :returns: (groups, state file path)"""
        state_file = os.path.join(directory, 'simulated-cloud.json')
        simulated = {'state_file': state_file}
        simulated.update(options)
        return ({'DEFAULT': {'cloud_backend': 'simulated'},
                 'simulated': simulated}, state_file)

    def start(self):
        self.api.start()
        for engine in self.engines.values():
            engine.start()
        services.wait_for(self._api_answers, timeout=60, what='clusterd-api')
        services.wait_for(lambda: len(self.service_rows()) == 2, timeout=60,
                          what='two engines to register')
        return self

    def _api_answers(self):
        try:
            return request(self, 'GET', '/')[0] == 300
        except OSError:
            return False

    def service_rows(self):
        table = models.Service
        with self.db.connect() as conn:
            return {row.id: row.host for row in conn.execute(
                sa.select(table.id, table.host).where(
                    table.binary == 'clusterd-engine'))}

    def engine_of(self, engine_id):
        """The engine Process whose service row is ``engine_id``."""
        host = self.service_rows().get(engine_id)
        return self.engines.get(host)

    def restart_engine(self, name):
        """Start the engine ``name`` again (a new process, a new engine id)."""
        self.engines[name].start()

    def restart_api(self):
        self.api.start()
        services.wait_for(self._api_answers, timeout=60, what='clusterd-api')

    def query(self, text, **params):
        with self.db.connect() as conn:
            return conn.execute(sa.text(text), params).all()

    def count_in_logs(self, text):
        return sum(log.count(text) for log in self.logs())

    def logs(self):
        """Every process's log, those of killed processes included."""
        return [p.log() for p in [self.api] + list(self.engines.values())]

    def close(self):
        codes = {}
        for process in [self.api] + list(self.engines.values()):
            codes[process.name] = process.stop()
        self.db.dispose()
        if not self.proxy.up:
            self.proxy.restore()
        self.proxy.cut()
        self.server.close()
        return codes


def request(deployment, method, path, body=None, timeout=15):
    """One HTTP request to the API: (status, headers, decoded body or None).

    :raises OSError: no answer (connection refused or reset)
    """
    connection = http.client.HTTPConnection('127.0.0.1', deployment.api_port,
                                            timeout=timeout)
    try:
        connection.request(method, path, body=json.dumps(body) if body is not None
                           else None, headers=HEADERS)
        response = connection.getresponse()
        raw = response.read()
        try:
            decoded = json.loads(raw) if raw else None
        except ValueError:
            decoded = None
        return response.status, dict(response.getheaders()), decoded
    except http.client.HTTPException as exc:
        raise ConnectionError(str(exc))
    finally:
        connection.close()


class Record:
    """Every answer the clients got."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = collections.Counter()
        self.unanswered = 0
        self.accepted = []  # action ids of 202 answers
        self.errors = []  # (time, method, path, status, body) of 5xx but 503
        self.unavailable = []  # times of 503s
        self.answers = []  # (monotonic time, status)

    def add(self, method, path, status, headers, body):
        now = time.monotonic()
        with self.lock:
            self.statuses[status] += 1
            self.answers.append((now, status))
            if status == 202:
                location = headers.get('Location') or headers.get('location') or ''
                self.accepted.append(location.rstrip('/').rsplit('/', 1)[-1])
            elif status == 503:
                self.unavailable.append(now)
                if headers.get('Retry-After') is None or not _senlin_body(body):
                    self.errors.append((now, method, path, status,
                                        'no Retry-After or error body: %r' % body))
            elif status >= 500:
                self.errors.append((now, method, path, status, body))

    def no_answer(self):
        with self.lock:
            self.unanswered += 1

    def answers_between(self, start, end):
        with self.lock:
            return [status for at, status in self.answers if start <= at <= end]


def _senlin_body(body):
    return isinstance(body, dict) and body.get('code') == 503 and \
        (body.get('error') or {}).get('type') == 'ServiceUnavailable'


class Client:
    """A client of the API that records what it gets and rides out 503s."""

    def __init__(self, deployment, record, stop):
        self.deployment = deployment
        self.record = record
        self.stop = stop

    def call(self, method, path, body=None):
        """(status, headers, body), or None when no answer came."""
        try:
            status, headers, decoded = request(self.deployment, method, path, body)
        except OSError:
            self.record.no_answer()
            return None
        self.record.add(method, path, status, headers, decoded)
        return status, headers, decoded

    def action_of(self, answer):
        if answer is None or answer[0] != 202:
            return None
        location = answer[1].get('Location') or answer[1].get('location') or ''
        return location.rstrip('/').rsplit('/', 1)[-1]

    def wait_action(self, action_id, timeout=120):
        """The action's final status (None if it did not end in time)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            answer = self.call('GET', '/v1/actions/%s' % action_id)
            if answer is not None and answer[0] == 200:
                status = answer[2]['action']['status']
                if status in TERMINAL:
                    return status
            time.sleep(0.3)
        return None

    def act(self, method, path, body=None, wait=True):
        """Send a request that makes an action; wait for it to end."""
        answer = self.call(method, path, body)
        action_id = self.action_of(answer)
        if action_id is None or not wait:
            return answer, None
        return answer, self.wait_action(action_id)


def make_profile(deployment, latency):
    client = Client(deployment, Record(), threading.Event())
    answer = client.call('POST', '/v1/profiles', {'profile': {
        'name': 'sim-%s' % uuid.uuid4().hex[:6],
        'spec': {'type': 'clusterd.simulated', 'version': '1.0',
                 'properties': {'latency': latency}}}})
    assert answer is not None and answer[0] == 201, answer
    return answer[2]['profile']['id']


class Load:
    """``clients`` threads creating, scaling and deleting clusters until stopped."""

    def __init__(self, deployment, profile_id, clients=3, seed=None, max_size=8):
        self.deployment = deployment
        self.profile_id = profile_id
        self.record = Record()
        self.stop_event = threading.Event()
        self.random = random.Random(seed)
        self.max_size = max_size
        self.threads = [threading.Thread(target=self._client, args=(i,),
                                         daemon=True, name='load-%d' % i)
                        for i in range(clients)]

    def start(self):
        for thread in self.threads:
            thread.start()
        return self

    def stop(self, timeout=180):
        self.stop_event.set()
        for thread in self.threads:
            thread.join(timeout)

    def _client(self, number):
        rng = random.Random(self.random.random())
        client = Client(self.deployment, self.record, self.stop_event)
        while not self.stop_event.is_set():
            answer, status = client.act('POST', '/v1/clusters', {'cluster': {
                'name': 'load-%d-%s' % (number, uuid.uuid4().hex[:6]),
                'profile_id': self.profile_id, 'min_size': 0, 'max_size': -1,
                'desired_capacity': rng.randint(2, self.max_size)}})
            if answer is None or answer[0] != 202:
                time.sleep(0.5)
                continue
            cluster_id = answer[2]['cluster']['id']
            for _ in range(rng.randint(2, 5)):
                if self.stop_event.is_set():
                    break
                kind = rng.choice(('scale_out', 'scale_in', 'resize'))
                if kind == 'scale_out':
                    body = {'scale_out': {'count': rng.randint(1, 3)}}
                elif kind == 'scale_in':
                    body = {'scale_in': {'count': rng.randint(1, 2)}}
                else:
                    body = {'resize': {'adjustment_type': 'EXACT_CAPACITY',
                                       'number': rng.randint(1, self.max_size),
                                       'strict': False}}
                answer, _ = client.act('POST', '/v1/clusters/%s/actions' % cluster_id,
                                       body)
                if answer is None or answer[0] not in (202, 400, 409):
                    time.sleep(0.5)
            if rng.random() < 0.6 and not self.stop_event.is_set():
                client.act('DELETE', '/v1/clusters/%s' % cluster_id)


def wait_quiet(deployment, timeout=180):
    """Wait until every action has ended. :returns: seconds waited"""
    started = time.monotonic()

    def quiet():
        try:
            return not deployment.query(
                "SELECT id FROM action WHERE status NOT IN "
                "('SUCCEEDED', 'FAILED', 'CANCELLED')")
        except sa.exc.DBAPIError:
            return False
    services.wait_for(quiet, timeout=timeout, interval=0.5,
                      what='every action to end')
    return time.monotonic() - started


def check_invariants(deployment, record=None):
    """What must hold once every action has ended.

    :returns: a list of violations (strings); empty when all is well
    """
    violations = []
    query = deployment.query
    active = query("SELECT id, action, status FROM action WHERE status NOT IN "
                   "('SUCCEEDED', 'FAILED', 'CANCELLED')")
    if active:
        violations.append('actions not ended: %s' % active[:10])
    transient = query("SELECT id, status, status_reason FROM node WHERE status IN "
                      "('INIT', 'CREATING', 'DELETING', 'UPDATING', 'RECOVERING', "
                      "'OPERATING')")
    if transient:
        violations.append('nodes in a transient status: %s' % transient[:10])
    # The last action of each cluster that still exists.
    clusters = query('SELECT id, desired_capacity FROM cluster')
    for cluster_id, desired in clusters:
        last = query("SELECT action, status FROM action WHERE target = :c AND "
                     "action LIKE 'CLUSTER_%' ORDER BY created_at DESC, end_time "
                     "DESC", c=cluster_id)
        if not last or last[0][1] != 'SUCCEEDED':
            continue
        count = query('SELECT count(*) FROM node WHERE cluster_id = :c',
                      c=cluster_id)[0][0]
        if count != desired:
            violations.append('cluster %s: %d nodes, desired %d after %s '
                              'succeeded' % (cluster_id, count, desired, last[0][0]))
    for what, sql in (
            ('duplicate physical ids', 'SELECT physical_id, count(*) FROM node '
             'WHERE physical_id IS NOT NULL GROUP BY physical_id HAVING count(*) > 1'),
            ('duplicate node indexes', "SELECT cluster_id, %s, count(*) FROM node "
             "WHERE cluster_id <> '' GROUP BY cluster_id, %s HAVING count(*) > 1"
             % ((('"index"',) * 2) if deployment.backend == 'postgresql'
                else (('`index`',) * 2))),
            ('resources without their node', 'SELECT r.id, r.node_id FROM '
             'simulated_resource r LEFT JOIN node n ON n.id = r.node_id '
             'WHERE n.id IS NULL'),
            ('nodes without their resource', "SELECT n.id, n.status FROM node n "
             "LEFT JOIN simulated_resource r ON r.id = n.physical_id "
             "WHERE r.id IS NULL AND (n.physical_id IS NOT NULL OR "
             "n.status = 'ACTIVE')"),
            ('cluster locks left', 'SELECT cluster_id FROM cluster_lock'),
            ('node locks left', 'SELECT node_id FROM node_lock'),
            ('dependencies left', 'SELECT depended, dependent FROM dependency')):
        rows = query(sql)
        if rows:
            violations.append('%s: %s' % (what, rows[:10]))
    if record is not None:
        if record.errors:
            violations.append('5xx answers other than a proper 503: %s'
                              % record.errors[:5])
        known = {row[0] for row in query('SELECT id FROM action')}
        missing = [a for a in record.accepted if a not in known]
        if missing:
            violations.append('202 answers without an action: %s' % missing[:10])
    return violations


class Faults:
    """The faults, each with the measurements that say how it was ridden out."""

    def __init__(self, deployment, record, profile_id, rng=None):
        self.deployment = deployment
        self.record = record
        self.profile_id = profile_id
        self.random = rng or random.Random()
        self.client = Client(deployment, record, threading.Event())

    # --- engine deaths -------------------------------------------------------------

    def _fault_cluster(self, size):
        answer, status = self.client.act('POST', '/v1/clusters', {'cluster': {
            'name': 'fault-%s' % uuid.uuid4().hex[:6],
            'profile_id': self.profile_id, 'min_size': 0, 'max_size': -1,
            'desired_capacity': size}})
        assert status == 'SUCCEEDED', (answer, status)
        return answer[2]['cluster']['id']

    def _running_batches(self, verb, parent_id):
        return self.deployment.query(
            "SELECT owner, count(*) FROM action WHERE action = :verb AND "
            "status = 'RUNNING' AND parent_id = :parent GROUP BY owner",
            verb=verb, parent=parent_id)

    def kill_engine_in_batch(self, verb, size=24, delay=None):
        """SIGKILL the engine running a batch of ``verb`` (NODE_CREATE,
        NODE_DELETE or NODE_UPDATE: a rolling update to a new profile) of a
        cluster action of ``size`` nodes, restart it, and measure how the
        orphans ended.

        :returns: dict of measurements
        """
        deployment = self.deployment
        new_profile = None
        if verb == 'NODE_UPDATE':
            cluster_id = self._fault_cluster(size)
            new_profile = make_profile(deployment, latency=0.3)
            answer = self.client.call('PATCH', '/v1/clusters/%s' % cluster_id,
                                      {'cluster': {'profile_id': new_profile}})
        elif verb == 'NODE_CREATE':
            cluster_id = self._fault_cluster(1)
            answer = self.client.call('POST', '/v1/clusters/%s/actions' % cluster_id,
                                      {'scale_out': {'count': size}})
        else:
            cluster_id = self._fault_cluster(size)
            answer = self.client.call('POST', '/v1/clusters/%s/actions' % cluster_id,
                                      {'scale_in': {'count': size}})
        parent = self.client.action_of(answer)
        assert parent, answer
        found = services.wait_for(lambda: self._running_batches(verb, parent),
                                  timeout=60, interval=0.05,
                                  what='a batch of %s under way' % verb)
        if delay:
            time.sleep(delay)
        owner = max(found, key=lambda row: row[1])[0]
        victim = deployment.engine_of(owner)
        assert victim is not None, (owner, deployment.service_rows())
        victim.kill()
        killed_at = time.monotonic()
        deployment.restart_engine(victim.name)
        # The node actions of the batch that the dead engine was running (read
        # after the kill: nothing moves them until the takeover).
        orphan_ids = {row[0] for row in deployment.query(
            "SELECT id FROM action WHERE owner = :o AND status = 'RUNNING' AND "
            "action = :verb AND parent_id = :parent", o=owner, verb=verb,
            parent=parent)}
        others = deployment.query(
            "SELECT count(*) FROM action WHERE owner = :o AND status = 'RUNNING'",
            o=owner)[0][0] - len(orphan_ids)

        def ended():
            if not orphan_ids:
                return True
            rows = deployment.query(
                "SELECT id, status FROM action WHERE status IN "
                "('SUCCEEDED', 'FAILED', 'CANCELLED')")
            done = {row[0]: row[1] for row in rows if row[0] in orphan_ids}
            return done if len(done) == len(orphan_ids) else None
        done = services.wait_for(ended, timeout=deployment.lease + 60,
                                 interval=0.2, what='the orphans to end')
        orphans_ended = time.monotonic() - killed_at
        # The killed engine is judged dead (its row deleted) even when it ran
        # nothing left to take over; until then the judgement would be counted
        # against whatever fault comes next.
        services.wait_for(lambda: owner not in deployment.service_rows() and
                          len(deployment.service_rows()) == 2,
                          timeout=deployment.lease + 60,
                          what='the killed engine judged dead and the restarted '
                               'one registered')
        restarted = time.monotonic() - killed_at
        status = self.client.wait_action(parent, timeout=120)
        left = deployment.query(
            "SELECT id, status FROM node WHERE cluster_id = :c AND status IN "
            "('DELETING', 'CREATING', 'UPDATING')", c=cluster_id)
        extra = {}
        if new_profile is not None:
            # The takeover finishes the update without updating a node twice.
            extra['nodes_updated_twice'] = len(deployment.query(
                "SELECT target FROM action WHERE parent_id = :p AND action = "
                "'NODE_UPDATE' GROUP BY target HAVING count(*) > 1", p=parent))
            extra['nodes_on_old_profile'] = deployment.query(
                "SELECT count(*) FROM node WHERE cluster_id = :c AND "
                "profile_id != :p", c=cluster_id, p=new_profile)[0][0]
        delete_answer, delete_status = self.client.act(
            'DELETE', '/v1/clusters/%s' % cluster_id)
        return {
            'fault': 'kill_engine_%s' % verb.split('_')[1].lower(),
            'orphans': len(orphan_ids),
            'other_actions_taken_over': others,
            'orphans_failed': sorted(i for i, s in (done if isinstance(done, dict)
                                                    else {}).items()
                                     if s != 'SUCCEEDED'),
            'orphans_ended_s': round(orphans_ended, 2),
            'restarted_engine_registered_s': round(restarted, 2),
            'parent': status,
            'nodes_left_busy': len(left),
            'cluster_delete': delete_status,
            **extra,
        }

    # --- the database --------------------------------------------------------------

    def _work_resumed(self, after_wall):
        """Seconds from ``after_wall`` (epoch) to the first write of an engine
        after it (an action changing, or an event of the work it does, such as a
        node batch going on), or None."""
        t = _utc(after_wall, self.deployment.backend)
        firsts = [row[0] for row in self.deployment.query(
            'SELECT min(updated_at) FROM action WHERE updated_at > :t', t=t) +
            self.deployment.query(
                'SELECT min(timestamp) FROM event WHERE timestamp > :t', t=t)
            if row[0] is not None]
        if not firsts:
            return None
        first = min(firsts)
        if first.tzinfo is None:
            first = first.replace(tzinfo=datetime.timezone.utc)
        return first.timestamp() - after_wall

    def _busy(self):
        return self.deployment.query(
            "SELECT count(*) FROM action WHERE status IN ('RUNNING', 'READY', "
            "'WAITING')")[0][0]

    def database_outage(self, seconds):
        """Stop the database for ``seconds`` (0: a restart), start it again, and
        measure: the answers during the outage, whether an engine was declared
        dead, and how soon work went on."""
        deployment = self.deployment
        judged = deployment.count_in_logs('missed its heartbeat')
        busy = self._busy()
        started = time.monotonic()
        deployment.server.stop()
        down = time.monotonic()
        time.sleep(seconds)
        up = time.monotonic()
        deployment.server.start()
        back_wall = time.time()
        back = time.monotonic()
        away = back - started

        def resumed():
            try:
                return self._work_resumed(back_wall)
            except sa.exc.DBAPIError:
                return None
        resume = None
        if busy:
            try:
                resume = services.wait_for(resumed, timeout=60, interval=0.1,
                                           what='work to resume')
            except AssertionError:
                resume = None
        # Let a lease and a heartbeat pass: a wrong judgement would show now.
        time.sleep(deployment.lease + deployment.heartbeat)
        answers = self.record.answers_between(down, up)
        return {
            'fault': 'db_stop' if seconds else 'db_restart',
            'away_s': round(away, 2),
            'busy_at_fault': busy,
            'resumed_after_s': None if resume is None else round(resume, 2),
            'answers_while_down': dict(collections.Counter(answers)),
            'engines_declared_dead': deployment.count_in_logs(
                'missed its heartbeat') - judged,
        }

    # --- the broker and the API ----------------------------------------------------

    def broker_outage(self, seconds):
        deployment = self.deployment
        deployment.proxy.cut()
        time.sleep(seconds)
        deployment.proxy.restore()
        return {'fault': 'broker_stop', 'away_s': seconds}

    def kill_api_in_burst(self, requests=24, after=0.15):
        """A burst of creates from many threads; the API is SIGKILLed while they
        are in flight, then started again."""
        deployment = self.deployment
        answers = []
        lock = threading.Lock()

        def one(index):
            client = Client(deployment, self.record, threading.Event())
            answer = client.call('POST', '/v1/clusters', {'cluster': {
                'name': 'burst-%d-%s' % (index, uuid.uuid4().hex[:6]),
                'profile_id': self.profile_id, 'min_size': 0, 'max_size': -1,
                'desired_capacity': 1}})
            with lock:
                answers.append(None if answer is None else answer[0])
        threads = [threading.Thread(target=one, args=(i,)) for i in range(requests)]
        for thread in threads:
            thread.start()
        time.sleep(after)
        deployment.api.kill()
        for thread in threads:
            thread.join(60)
        deployment.restart_api()
        return {'fault': 'kill_api', 'burst': requests,
                'answered': sum(1 for a in answers if a is not None),
                'accepted': sum(1 for a in answers if a == 202)}


def _utc(epoch, backend):
    value = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc)
    # MariaDB keeps naive UTC (clusterd.db.types.Timestamp).
    return value if backend == 'postgresql' else value.replace(tzinfo=None)
