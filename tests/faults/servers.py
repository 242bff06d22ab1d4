"""Private database servers that a fault test may stop, restart and kill.

The MariaDB, PostgreSQL and RabbitMQ on their usual ports are shared by every test
run on the machine (and by other developers): a fault test never touches them.
It starts its own server instead, from the same binaries, in a temporary
directory on a free port, and does what it likes with it.  As root (CI), the
server runs as the ``postgres`` or ``mysql`` user, as the packaged ones do.
"""

import glob
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time

from clusterd.db import api as db_api
from tests import databases
from tests import services

PG_BIN = sorted(glob.glob('/usr/lib/postgresql/*/bin'))


def _as(user):
    """Popen arguments that run a command as ``user`` when we are root (servers
    refuse to run as root).  Not through runuser: the server must be our own
    child, so that we reap it (this machine's init does not reap orphans, and a
    postmaster that is a zombie still holds its data directory)."""
    if os.geteuid() != 0:
        return {}
    entry = pwd.getpwnam(user)
    return {'user': entry.pw_uid, 'group': entry.pw_gid, 'extra_groups': []}


def _chown(path, user):
    if os.geteuid() == 0:
        entry = pwd.getpwnam(user)
        for root, dirs, files in os.walk(path):
            for name in [root] + [os.path.join(root, n) for n in dirs + files]:
                os.chown(name, entry.pw_uid, entry.pw_gid)


def _port_open(port):
    import socket
    try:
        socket.create_connection(('127.0.0.1', port), timeout=0.5).close()
        return True
    except OSError:
        return False


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open('/proc/%d/stat' % pid) as stream:
            return stream.read().split(') ')[-1][:1] != 'Z'
    except OSError:
        return False


class PrivateServer:
    """A database server of our own.  ``url`` is its server URL (the database
    part is filled by :meth:`database_url`)."""

    backend = None
    user = None

    def __init__(self):
        # Its own directory under /tmp: pytest's are private to root (0700),
        # and the server runs as another user.
        self.directory = tempfile.mkdtemp(prefix='clusterd-%s-' % self.backend)
        os.chmod(self.directory, 0o755)
        self.port = services.free_port()
        self.proc = None
        self.stopped_at = None

    def wait_up(self, timeout=60):
        services.wait_for(lambda: _port_open(self.port), timeout=timeout,
                          interval=0.05, what='%s on port %d' % (self.backend,
                                                                  self.port))

    def wait_down(self, timeout=60):
        services.wait_for(lambda: not _port_open(self.port), timeout=timeout,
                          interval=0.05, what='%s to stop' % self.backend)

    def restart(self):
        """Stop (fast) and start again; the time it was away is up to the server."""
        self.stop()
        self.start()

    def kill(self):
        """SIGKILL the server (a crash); :meth:`start` brings it back."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)
        self.wait_down()

    def close(self):
        try:
            self.kill()
        finally:
            # CLUSTERD_FAULTS_KEEP=1 keeps the directory (and the processes'
            # logs in it) for a post-mortem.
            if os.environ.get('CLUSTERD_FAULTS_KEEP') != '1':
                shutil.rmtree(self.directory, ignore_errors=True)


class PrivatePostgres(PrivateServer):
    backend = 'postgresql'
    user = 'postgres'

    def __init__(self, driver='psycopg'):
        super().__init__()
        if not PG_BIN:
            databases.unavailable('PostgreSQL binaries are not installed '
                                  '(/usr/lib/postgresql/*/bin)')
        self.bin = PG_BIN[-1]
        self.data = os.path.join(self.directory, 'data')
        self.driver = driver
        _chown(self.directory, self.user)
        result = services.run([
            os.path.join(self.bin, 'initdb'), '-D', self.data, '-A', 'trust',
            '-U', 'postgres', '--no-sync', '-E', 'UTF8'], **_as(self.user))
        if result.returncode:
            raise RuntimeError('initdb failed: %s' % result.stderr)

    def start(self):
        with open(os.path.join(self.directory, 'server.log'), 'ab') as log:
            self.proc = subprocess.Popen([
                os.path.join(self.bin, 'postgres'), '-D', self.data,
                '-p', str(self.port), '-k', self.directory,
                '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off',
                '-c', 'max_connections=300', '-c', 'synchronous_commit=off'],
                stdout=subprocess.DEVNULL, stderr=log, start_new_session=True,
                **_as(self.user))
        self.wait_up()
        # Accepting connections, not only listening.
        services.wait_for(self._ready, timeout=60, interval=0.1,
                          what='postgres to accept connections')

    def kill(self):
        """SIGKILL every server process (a crash; the next start recovers)."""
        pid_file = os.path.join(self.data, 'postmaster.pid')
        try:
            with open(pid_file) as stream:
                postmaster = int(stream.readline())
        except (OSError, ValueError):
            postmaster = None
        super().kill()
        if postmaster is not None and postmaster != self.proc.pid:
            # Not ours to reap: the next postmaster would refuse to start while
            # that pid exists, even as a zombie.
            services.wait_for(lambda: not _alive(postmaster), timeout=30,
                              what='the killed postmaster to exit')
            try:
                os.unlink(pid_file)
            except OSError:
                pass

    def _ready(self):
        return services.run([
            os.path.join(self.bin, 'pg_isready'), '-h', '127.0.0.1', '-p',
            str(self.port)]).returncode == 0

    def stop(self):
        """A fast shutdown: sessions are terminated (57P01), new ones refused."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
            self.proc.wait(timeout=60)
        self.wait_down()

    def _scheme(self):
        # psycopg 3 is what an operator's postgresql:// means.
        return 'postgresql+psycopg2' if self.driver == 'psycopg2' else 'postgresql'

    def server_url(self):
        return '%s://postgres@127.0.0.1:%d/postgres' % (self._scheme(), self.port)

    def database_url(self, name):
        return '%s://postgres@127.0.0.1:%d/%s' % (self._scheme(), self.port, name)

    def create_database(self, name):
        import sqlalchemy as sa
        engine = sa.create_engine(db_api.driver_url(self.server_url()),
                                  isolation_level='AUTOCOMMIT')
        try:
            with engine.connect() as conn:
                conn.execute(sa.text('CREATE DATABASE %s' % name))
        finally:
            engine.dispose()
        return self.database_url(name)


class PrivateMariaDB(PrivateServer):
    backend = 'mysql'
    user = 'mysql'

    def __init__(self):
        super().__init__()
        self.data = os.path.join(self.directory, 'data')
        self.socket = os.path.join(self.directory, 'mysqld.sock')
        os.makedirs(self.data, exist_ok=True)
        _chown(self.directory, self.user)
        install = shutil.which('mariadb-install-db') or \
            shutil.which('mysql_install_db')
        if install is None:
            databases.unavailable('mariadb-install-db is not installed')
        result = services.run([
            install, '--no-defaults', '--datadir=%s' % self.data,
            '--auth-root-authentication-method=normal', '--skip-test-db'],
            timeout=180, **_as(self.user))
        if result.returncode:
            raise RuntimeError('mariadb-install-db failed: %s%s' % (
                result.stdout, result.stderr))

    def start(self):
        binary = shutil.which('mariadbd') or '/usr/sbin/mariadbd'
        self.proc = subprocess.Popen([
            binary, '--no-defaults', '--datadir=%s' % self.data,
            '--socket=%s' % self.socket, '--port=%d' % self.port,
            '--bind-address=127.0.0.1', '--skip-grant-tables',
            '--skip-name-resolve', '--pid-file=%s' % os.path.join(
                self.directory, 'mysqld.pid'),
            '--innodb-flush-log-at-trx-commit=2', '--innodb-doublewrite=0',
            '--max-connections=400', '--log-error=%s' % os.path.join(
                self.directory, 'server.log')],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True, **_as(self.user))
        self.wait_up()

    def stop(self):
        """A clean shutdown (SIGTERM): sessions get 1053/2013, new ones 2003."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=120)
        self.wait_down()

    def server_url(self):
        return 'mysql+pymysql://root@127.0.0.1:%d/' % self.port

    def database_url(self, name):
        return 'mysql+pymysql://root@127.0.0.1:%d/%s?charset=utf8mb4' % (
            self.port, name)

    def create_database(self, name):
        import sqlalchemy as sa
        engine = sa.create_engine(self.server_url(), isolation_level='AUTOCOMMIT')
        try:
            with engine.connect() as conn:
                conn.execute(sa.text(
                    'CREATE DATABASE %s CHARACTER SET utf8mb4' % name))
        finally:
            engine.dispose()
        return self.database_url(name)


def private_server(backend, **kwargs):
    """A started private server of ``backend`` ('mysql' or 'postgresql')."""
    server = (PrivateMariaDB if backend == 'mysql' else PrivatePostgres)(**kwargs)
    started = time.monotonic()
    server.start()
    server.startup_seconds = time.monotonic() - started
    return server
