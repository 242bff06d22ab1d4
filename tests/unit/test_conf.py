"""Configuration: every option reaches the generated sample; nothing reads CONF at import."""

import os
import subprocess
import sys

from clusterd import conf as clusterd_conf
from clusterd.conf import opts

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_sample_lists_every_option(tmp_path):
    sample = tmp_path / 'clusterd.conf.sample'
    generator = os.path.join(os.path.dirname(sys.executable), 'oslo-config-generator')
    subprocess.run([generator, '--config-file',
                    os.path.join(ROOT, 'etc/clusterd/clusterd-config-generator.conf'),
                    '--output-file', str(sample)], check=True, cwd=ROOT)
    text = sample.read_text()
    for group, group_opts in opts.list_opts():
        assert '[%s]' % (group or 'DEFAULT') in text
        for opt in group_opts:
            assert '#%s = ' % opt.dest in text, (group, opt.dest)
    # The oslo.db options come along too.
    assert '#connection = <None>' in text


def test_each_conf_is_independent():
    first = clusterd_conf.make_conf()
    second = clusterd_conf.make_conf()
    first([], default_config_files=[])
    second([], default_config_files=[])
    first.set_override('bind_port', 9999, group='api')
    assert second.api.bind_port == 8777
    assert first.standalone.port == 8778
