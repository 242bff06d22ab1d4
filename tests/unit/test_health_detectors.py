"""The poll-URL detector against a real local HTTP server, URL placeholders, and
how modes combine (clusterd.health.detectors)."""

import http.server
import threading
import time

import futurist
import pytest

from clusterd.health import detectors
from clusterd.objects import node as node_obj
from clusterd.policies import health as health_policy


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    hits = {}

    def do_GET(self):
        name = self.path.rsplit('/', 1)[-1]
        _Handler.hits[name] = _Handler.hits.get(name, 0) + 1
        if name == 'slow':
            time.sleep(1.0)
        status, body = {'bad': (500, b'oops'), 'wrong': (200, b'failing')}.get(
            name, (200, b'status: passing'))
        self.send_response(status)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the client gave up on 'slow' before it answered: expected


@pytest.fixture(scope='module')
def server():
    httpd = _Server(('127.0.0.1', 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()


def _node(name):
    return node_obj.Node(id=name, name=name, status='ACTIVE', physical_id='p')


def _poll(port, names, **options):
    checker = detectors.Checker(None, None, futurist.ThreadPoolExecutor(4))
    options.setdefault('poll_url', 'http://127.0.0.1:%d/h/{node_id}' % port)
    options.setdefault('poll_url_healthy_response', 'pass(ing)?')
    options.setdefault('poll_url_retry_limit', 1)
    options.setdefault('poll_url_timeout', 0.3)
    return detectors.poll_url(checker, [_node(n) for n in names], options)


def test_answers_are_judged_by_status_and_regex(server):
    found = _poll(server, ['good', 'bad', 'wrong'])
    assert found['good'] == (True, None)
    assert found['bad'][0] is False and 'HTTP 500' in found['bad'][1]
    assert found['wrong'][0] is False and "without 'pass(ing)?'" in found['wrong'][1]


def test_a_hung_server_is_unhealthy_or_not_as_configured(server):
    assert _poll(server, ['slow'])['slow'][0] is False
    assert _poll(server, ['slow'], poll_url_conn_error_as_unhealthy=False)[
        'slow'][0] is True


def test_retries_until_healthy_or_the_limit(server):
    _Handler.hits.pop('bad', None)
    _poll(server, ['bad'], poll_url_retry_limit=3, poll_url_retry_interval=0)
    assert _Handler.hits['bad'] == 3


def test_keep_alive_connections_are_reused(server):
    checker = detectors.Checker(None, None, futurist.SynchronousExecutor())
    options = {'poll_url': 'http://127.0.0.1:%d/h/{node_id}' % server,
               'poll_url_retry_limit': 1}
    for _ in range(3):
        assert detectors.poll_url(checker, [_node('good')], options)['good'][0]
    assert len(checker.http._local.connections) == 1


def test_placeholders():
    node = node_obj.Node(id='n-1', name='web-1')
    url, problem = detectors.fill_url(
        'https://{node_ip}:{port}/{nodename}/{node_id}?h={host}&x={other}', node,
        {'node_ip': '10.0.0.5', 'port': 8080, 'host': 'compute-1'})
    assert problem is None
    assert url == 'https://10.0.0.5:8080/web-1/n-1?h=compute-1&x={other}'
    url, problem = detectors.fill_url('http://{node_ip}/', node, {})
    assert url is None and '{node_ip}' in problem


@pytest.mark.parametrize('verdicts, conditional, expected', [
    ({'A': (False, 'a'), 'B': (True, None)}, 'ANY_FAILED', False),
    ({'A': (False, 'a'), 'B': (True, None)}, 'ALL_FAILED', True),
    ({'A': (False, 'a'), 'B': (False, 'b')}, 'ALL_FAILED', False),
    ({'A': (None, '?'), 'B': (None, '?')}, 'ANY_FAILED', None),
    ({'A': (False, 'a'), 'B': (None, '?')}, 'ALL_FAILED', None),
])
def test_modes_combine(verdicts, conditional, expected):
    healthy, _reason, _mode = detectors.combine(['A', 'B'], verdicts, conditional)
    assert healthy is expected
    assert conditional in (health_policy.ANY_FAILED, health_policy.ALL_FAILED)
