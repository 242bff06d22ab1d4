"""The simulated OpenStack cloud, through the driver interface the profiles use
(:func:`clusterd.drivers.backends.clouds`): catalog lookups and their 404s,
Nova's status transitions, the scheduler and server groups, failures behind
clusterd's back, the state file, and Heat stacks."""

import types

import pytest

from clusterd import conf as conf_mod
from clusterd.drivers import backends
from clusterd.drivers import openstack as openstack_driver
from clusterd.drivers import simulated_openstack


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now


def _conf(tmp_path=None, **simulated):
    conf = conf_mod.make_conf()
    conf([], default_config_files=[])
    conf.set_override('cloud_backend', 'simulated')
    conf.set_override('api_retries', 2, group='openstack')
    conf.set_override('retry_backoff', 0.0, group='openstack')
    simulated.setdefault('build_seconds', 0.0)
    simulated.setdefault('poll_interval', 0.02)
    for name, value in simulated.items():
        conf.set_override(name, value, group='simulated')
    return conf


CTX = types.SimpleNamespace(user_id='user-a', project_id='project-a')
OTHER = types.SimpleNamespace(user_id='user-b', project_id='project-b')


@pytest.fixture
def conf():
    return _conf()


@pytest.fixture
def compute(conf):
    return backends.clouds(conf).compute(CTX)


def _boot(compute, name='web-1', **attrs):
    sdk = compute.conn
    attrs.setdefault('flavor_id', sdk.compute.find_flavor('m1.small').id)
    attrs.setdefault('image_id', sdk.image.find_image('cirros-0.5.2-x86_64-disk').id)
    attrs.setdefault('networks', [{'uuid': sdk.network.find_network('private').id}])
    return compute.call('create server', sdk.compute.create_server, name=name,
                        **attrs)


def test_the_option_picks_the_backend():
    conf = conf_mod.make_conf()
    conf([], default_config_files=[])
    assert conf.cloud_backend == 'openstack'
    assert isinstance(backends.clouds(conf), openstack_driver.Clouds)
    conf.set_override('cloud_backend', 'simulated')
    assert isinstance(backends.clouds(conf), simulated_openstack.Clouds)
    assert backends.clouds(conf) is backends.clouds(conf)


@pytest.mark.parametrize('finder, name, kind', [
    ('compute.find_flavor', 'm1.huge', 'Flavor'),
    ('image.find_image', 'ubuntu', 'Image'),
    ('network.find_network', 'nowhere', 'Network'),
    ('compute.find_keypair', 'nokey', 'Keypair'),
    ('network.find_subnet', 'nosubnet', 'Subnet'),
])
def test_unknown_names_are_404_naming_them(compute, finder, name, kind):
    proxy, method = finder.split('.')
    function = getattr(getattr(compute.conn, proxy), method)
    with pytest.raises(openstack_driver.CloudError) as caught:
        compute.call('find %s' % name, function, name, ignore_missing=False)
    assert caught.value.code == 404
    assert name in caught.value.message and kind in caught.value.message
    assert function(name) is None  # ignore_missing


def test_senlin_names_are_in_the_default_catalog(compute):
    sdk = compute.conn
    for flavor in ('m1.tiny', 'm1.small', 'm1.medium'):
        assert sdk.compute.find_flavor(flavor, ignore_missing=False).name == flavor
    assert sdk.image.find_image('cirros-0.5.2-x86_64-disk').id
    private = sdk.network.find_network('private')
    assert sdk.network.find_subnet('private-subnet').network_id == private.id
    assert {z.name for z in sdk.compute.availability_zones()} == {'nova', 'az1',
                                                                  'az2'}
    assert {r.name for r in sdk.identity.regions()} == {'RegionOne', 'RegionTwo'}


def test_an_unknown_region_is_refused(conf):
    with pytest.raises(openstack_driver.CloudError) as caught:
        backends.clouds(conf).compute(CTX, region_name='Atlantis')
    assert caught.value.code == 404 and 'Atlantis' in caught.value.message
    assert backends.clouds(conf).compute(CTX, region_name='RegionTwo')


def test_server_goes_from_build_to_active_and_shows_where_it_runs():
    clock = Clock()
    cloud = simulated_openstack.Cloud(build_seconds=5, clock=clock)
    conf = _conf()
    compute = simulated_openstack.Compute(cloud, 'u', 'p', 'RegionOne',
                                          conf.openstack, 0.02)
    server = _boot(compute, tags=['clusterd-node:n1'], metadata={'a': 'b'})
    seen = compute.get_server(server.id)
    assert (seen.status, seen.task_state) == ('BUILD', 'spawning')
    clock.now += 5
    seen = compute.get_server(server.id)
    assert (seen.status, seen.task_state) == ('ACTIVE', None)
    assert seen.availability_zone == 'nova'
    assert seen.compute_host.startswith('nova-compute-')
    assert seen.addresses['private'][0]['addr'].startswith('10.0.0.')
    assert seen.metadata == {'a': 'b'} and seen.simulated is True
    assert seen.to_dict()['flavor']['original_name'] == 'm1.small'
    # Nova's list filters: tags, and changes-since (deleted ones included).
    assert list(compute.list_servers(tags='clusterd-node:n1')) == [server.id]
    assert compute.list_servers(tags='clusterd-node:other') == {}
    compute.delete_server(server.id)
    assert compute.get_server(server.id).task_state == 'deleting'
    clock.now += 5
    assert compute.get_server(server.id) is None
    assert compute.list_servers() == {}
    listed = compute.list_servers(changes_since='2020-01-01T00:00:00Z')
    assert listed[server.id].status == 'DELETED'


def test_the_bulk_waiter_of_the_real_driver_waits_for_simulated_servers(conf):
    conf.set_override('build_seconds', 0.2, group='simulated')
    compute = backends.clouds(conf).compute(CTX)
    since = compute.nova_now()
    servers = [_boot(compute, 'w-%d' % i) for i in range(5)]
    futures = [compute.waiter.wait(s.id, {'ACTIVE'}, since, 30) for s in servers]
    assert {f.result(timeout=30).status for f in futures} == {'ACTIVE'}
    # The waiter listed the project once per cycle, not once per server.
    counts = compute.request_counts()
    assert counts['GET /v2.1/servers/detail'] < 5 * 10
    assert counts['POST /v2.1/servers'] == 5


def test_actions_follow_nova_and_refuse_what_nova_refuses(compute):
    server = _boot(compute)
    sdk = compute.conn.compute
    compute.server_action('stop', 'stop_server', server.id)
    assert compute.get_server(server.id).status == 'SHUTOFF'
    with pytest.raises(openstack_driver.CloudError) as caught:
        compute.server_action('pause', 'pause_server', server.id)
    assert caught.value.code == 409 and 'vm_state shutoff' in caught.value.message
    compute.server_action('start', 'start_server', server.id)
    compute.server_action('resize', 'resize_server', server.id,
                          sdk.find_flavor('m1.medium').id)
    seen = compute.get_server(server.id)
    assert (seen.status, seen.flavor.name) == ('VERIFY_RESIZE', 'm1.medium')
    compute.server_action('revert', 'revert_server_resize', server.id)
    seen = compute.get_server(server.id)
    assert (seen.status, seen.flavor.name) == ('ACTIVE', 'm1.small')
    compute.server_action('lock', 'lock_server', server.id)
    with pytest.raises(openstack_driver.CloudError) as caught:
        compute.server_action('reboot', 'reboot_server', server.id, 'HARD')
    assert 'locked' in caught.value.message
    compute.server_action('unlock', 'unlock_server', server.id)
    compute.server_action('rebuild', 'rebuild_server', server.id,
                          'cirros-0.5.2-x86_64-disk', name='renamed')
    seen = compute.get_server(server.id)
    assert (seen.status, seen.name) == ('ACTIVE', 'renamed')


def test_anti_affinity_refuses_a_server_when_no_host_is_left(conf):
    conf.set_override('hosts_per_zone', 2, group='simulated')
    compute = backends.clouds(conf).compute(CTX)
    sdk = compute.conn.compute
    group = sdk.create_server_group(name='spread', policy='anti-affinity')
    first, second, third = (_boot(compute, 's-%d' % i,
                                  scheduler_hints={'group': group.id})
                            for i in range(3))
    hosts = {compute.get_server(s.id).compute_host for s in (first, second)}
    assert len(hosts) == 2
    refused = compute.get_server(third.id)
    assert refused.status == 'ERROR'
    assert 'No valid host' in refused.fault['message']
    members = sdk.find_server_group('spread').members
    assert sorted(members) == sorted([first.id, second.id])
    # affinity: every member on the first one's host
    together = sdk.create_server_group(name='together', policy='affinity')
    pair = [_boot(compute, 't-%d' % i, scheduler_hints={'group': together.id})
            for i in range(2)]
    assert len({compute.get_server(s.id).compute_host for s in pair}) == 1


def test_behind_our_back_error_removal_and_failed_hosts(conf, compute):
    cloud = backends.clouds(conf).cloud
    server = _boot(compute, availability_zone='az2')
    assert cloud.set_server_status(server.id, 'ERROR', 'disk on fire')
    seen = compute.get_server(server.id)
    assert (seen.status, seen.fault['message']) == ('ERROR', 'disk on fire')
    compute.server_action('reboot', 'reboot_server', server.id, 'HARD')
    assert compute.get_server(server.id).status == 'ACTIVE'
    host = compute.get_server(server.id).compute_host
    assert cloud.fail_host(host) == [server.id]
    assert compute.get_server(server.id).status == 'ERROR'
    hypervisors = {h.name: h for h in compute.conn.compute.hypervisors()}
    assert hypervisors[host].state == 'down'
    # evacuation is for admins, as in Nova; it moves it to a live host of its zone
    with pytest.raises(openstack_driver.CloudError, match='os-evacuate.*HTTP 403'):
        compute.server_action('evacuate', 'evacuate_server', server.id)
    admin = backends.clouds(conf).compute(
        types.SimpleNamespace(user_id='admin', project_id=CTX.project_id))
    admin.server_action('evacuate', 'evacuate_server', server.id)
    seen = compute.get_server(server.id)
    assert seen.status == 'ACTIVE' and seen.compute_host != host
    assert seen.availability_zone == 'az2'
    assert cloud.remove_server(server.id)
    assert compute.get_server(server.id) is None


def test_projects_and_regions_do_not_see_each_other(conf):
    registry = backends.clouds(conf)
    mine = registry.compute(CTX)
    server = _boot(mine)
    assert registry.compute(OTHER).get_server(server.id) is None
    assert registry.compute(CTX, region_name='RegionTwo').list_servers() == {}
    assert list(mine.list_servers()) == [server.id]


def test_injected_transient_failures_are_retried_and_others_are_not(conf, compute):
    cloud = backends.clouds(conf).cloud
    cloud.inject('find_flavor', code=503, count=2)
    assert compute.call('find flavor', compute.conn.compute.find_flavor, 'm1.tiny',
                        read=True).name == 'm1.tiny'
    cloud.inject('create_server', code=400, message='Quota exceeded')
    with pytest.raises(openstack_driver.CloudError) as caught:
        _boot(compute)
    assert caught.value.code == 400 and 'Quota exceeded' in caught.value.message
    cloud.inject('build', message='Build of instance aborted')
    broken = compute.get_server(_boot(compute).id)
    assert broken.status == 'ERROR'
    assert broken.fault['message'] == 'Build of instance aborted'


def test_the_state_file_keeps_servers_across_a_restart(tmp_path):
    path = str(tmp_path / 'cloud.json')
    first = simulated_openstack.Cloud(state_file=path, build_seconds=0)
    conf = _conf()
    compute = simulated_openstack.Compute(first, 'u', 'p', 'RegionOne',
                                          conf.openstack, 0.02)
    server = _boot(compute)
    group = compute.conn.compute.create_server_group(name='g', policy='affinity')
    again = simulated_openstack.Cloud(state_file=path, build_seconds=0)
    compute = simulated_openstack.Compute(again, 'u', 'p', 'RegionOne',
                                          conf.openstack, 0.02)
    assert compute.get_server(server.id).status == 'ACTIVE'
    assert compute.conn.compute.find_server_group(group.id).policy == 'affinity'


def test_processes_sharing_a_state_file_see_each_others_changes(tmp_path):
    # Two Cloud objects on one file are what clusterd-standalone and
    # clusterd-manage simulated are: each reads what the other wrote.
    path = str(tmp_path / 'cloud.json')
    conf = _conf()
    engine_side = simulated_openstack.Cloud(state_file=path, build_seconds=0)
    operator = simulated_openstack.Cloud(state_file=path, build_seconds=0)
    compute = simulated_openstack.Compute(engine_side, 'u', 'p', 'RegionOne',
                                          conf.openstack, 0.02)
    server = _boot(compute)
    assert [s['id'] for s in operator.list_all_servers()] == [server.id]
    assert operator.set_server_status(server.id, 'ERROR', 'pulled the plug')
    seen = compute.get_server(server.id)
    assert (seen.status, seen.fault['message']) == ('ERROR', 'pulled the plug')
    compute.server_action('reboot', 'reboot_server', server.id, 'HARD')
    assert operator.list_all_servers()[0]['status'] == 'ACTIVE'


# --- Heat ------------------------------------------------------------------------------

TEMPLATE = {
    'heat_template_version': '2016-04-08',
    'parameters': {'length': {'type': 'number', 'default': 8},
                   'label': {'type': 'string'}},
    'resources': {'secret': {'type': 'OS::Heat::RandomString',
                             'properties': {'length': {'get_param': 'length'}}}},
    'outputs': {'value': {'value': {'get_attr': ['secret', 'value']}},
                'label': {'value': {'get_param': 'label'}}},
}


def test_stack_create_update_check_delete(conf):
    conf.set_override('build_seconds', 0.05, group='simulated')
    heat = backends.clouds(conf).orchestration(CTX)
    stack_id = heat.create_stack(name='s1', template=TEMPLATE,
                                 parameters={'label': 'one', 'length': 5})
    assert heat.get_stack(stack_id).status == 'CREATE_IN_PROGRESS'
    stack = heat.wait(stack_id, 'CREATE', 10, interval=0.02)
    outputs = {o['output_key']: o['output_value'] for o in stack.outputs}
    assert len(outputs['value']) == 5 and outputs['label'] == 'one'
    with pytest.raises(openstack_driver.CloudError) as caught:
        heat.update_stack(stack_id, parameters={'length': 10})  # as Heat's PUT
    assert 'No template specified' in caught.value.message
    heat.update_stack(stack_id, template=TEMPLATE,
                      parameters={'length': 10, 'label': 'one'})
    stack = heat.wait(stack_id, 'UPDATE', 10, interval=0.02)
    outputs = {o['output_key']: o['output_value'] for o in stack.outputs}
    assert len(outputs['value']) == 10 and outputs['label'] == 'one'
    heat.check_stack(stack_id)
    assert heat.wait(stack_id, 'CHECK', 10, interval=0.02).status == 'CHECK_COMPLETE'
    backends.clouds(conf).cloud.fail_stack(stack_id, 'resource secret broke')
    heat.check_stack(stack_id)
    with pytest.raises(openstack_driver.CloudError) as caught:
        heat.wait(stack_id, 'CHECK', 10, interval=0.02)
    assert 'resource secret broke' in caught.value.message
    heat.delete_stack(stack_id)
    assert heat.wait(stack_id, 'DELETE', 10, interval=0.02) is None
    assert heat.get_stack(stack_id) is None
    heat.delete_stack(stack_id)  # gone: fine


@pytest.mark.parametrize('attrs, words', [
    ({'template': {'resources': {}}}, 'heat_template_version'),
    ({'template': dict(TEMPLATE, resources={'x': {'type': 'OS::No::Such'}}),
      'parameters': {'label': 'l'}}, 'OS::No::Such'),
    ({'template': TEMPLATE}, 'The Parameter (label) was not provided'),
    ({'template': TEMPLATE, 'parameters': {'label': 'l', 'bogus': 1}}, 'bogus'),
    ({'template': 'heat_template_version: [unclosed'}, 'not valid YAML'),
    ({'template': {'heat_template_version': '2016-04-08', 'resources': {
        's': {'type': 'OS::Nova::Server',
              'properties': {'flavor': 'm1.huge', 'image': 'cirros'}}}}},
     'm1.huge'),
])
def test_stack_templates_are_checked_as_heat_does(conf, attrs, words):
    heat = backends.clouds(conf).orchestration(CTX)
    with pytest.raises(openstack_driver.CloudError) as caught:
        heat.create_stack(name='bad', **attrs)
    assert caught.value.code == 400 and words in caught.value.message


def test_a_failed_stack_build_says_why(conf):
    backends.clouds(conf).cloud.inject('stack_build', message='Resource CREATE '
                                       'failed: quota')
    heat = backends.clouds(conf).orchestration(CTX)
    stack_id = heat.create_stack(name='s', template=TEMPLATE,
                                 parameters={'label': 'x'})
    with pytest.raises(openstack_driver.CloudError) as caught:
        heat.wait(stack_id, 'CREATE', 10, interval=0.02)
    assert 'quota' in caught.value.message and caught.value.resource_id == stack_id


# --- Octavia ---------------------------------------------------------------------------

def _balancer(conf):
    octavia = backends.clouds(conf).load_balancing(CTX)
    subnet = backends.clouds(conf).cloud.find('subnets', 'private-subnet').id
    lb_id = octavia.create_load_balancer(name='web', vip_subnet_id=subnet)
    listener = octavia.create_listener(lb_id, protocol='HTTP', protocol_port=80)
    pool = octavia.create_pool(lb_id, listener_id=listener, protocol='HTTP',
                               lb_algorithm='ROUND_ROBIN')
    return octavia, subnet, lb_id, listener, pool


def test_load_balancer_members_and_health_monitor(conf):
    conf.set_override('build_seconds', 0.05, group='simulated')
    octavia, subnet, lb_id, _listener, pool = _balancer(conf)
    lb = octavia.get_load_balancer(lb_id)
    assert lb.provisioning_status == 'ACTIVE'
    assert lb.vip_address.startswith('10.0.0.')
    one = octavia.add_member(lb_id, pool, '10.0.0.21', 8080, subnet_id=subnet)
    two = octavia.add_member(lb_id, pool, '10.0.0.22', 8080, subnet_id=subnet)
    assert {m.operating_status for m in octavia.members(pool)} == {'NO_MONITOR'}
    octavia.create_health_monitor(lb_id, pool, type='HTTP', delay=5, timeout=3,
                                  max_retries=2)
    assert {m.operating_status for m in octavia.members(pool)} == {'ONLINE'}
    # A member goes down behind our back: the pool and the LB are DEGRADED.
    assert backends.clouds(conf).cloud.set_member_status(two, 'ERROR')
    statuses = {m.id: m.operating_status for m in octavia.members(pool)}
    assert statuses == {one: 'ONLINE', two: 'ERROR'}
    assert octavia.get_load_balancer(lb_id).operating_status == 'DEGRADED'
    octavia.remove_member(lb_id, pool, two)
    assert [m.id for m in octavia.members(pool)] == [one]
    assert octavia.get_load_balancer(lb_id).operating_status == 'ONLINE'
    octavia.remove_member(lb_id, pool, two)  # gone: fine
    octavia.delete_load_balancer(lb_id)
    assert octavia.get_load_balancer(lb_id) is None


def test_octavia_refusals(conf):
    conf.set_override('build_seconds', 0.2, group='simulated')
    octavia, subnet, lb_id, listener, pool = _balancer(conf)
    sdk = octavia.compute.conn.load_balancer
    call = octavia.compute.call
    # Immutable while pending: a change right after another is a 409.
    sdk.create_member(pool, address='10.0.0.30', protocol_port=80)
    with pytest.raises(openstack_driver.CloudError) as caught:
        call('add', sdk.create_member, pool, address='10.0.0.31', protocol_port=80,
             retries=0)
    assert caught.value.code == 409 and 'immutable' in caught.value.message
    octavia.wait_active(lb_id)
    for attrs, words in [
            ({'vip_subnet_id': 'nowhere'}, 'Subnet nowhere not found'),
            ({}, 'VIP must contain')]:
        with pytest.raises(openstack_driver.CloudError) as caught:
            call('create', sdk.create_load_balancer, name='x', **attrs)
        assert caught.value.code == 400 and words in caught.value.message
    with pytest.raises(openstack_driver.CloudError) as caught:
        octavia.create_listener(lb_id, protocol='HTTP', protocol_port=80)
    assert caught.value.code == 409 and 'protocol_port 80' in caught.value.message
    with pytest.raises(openstack_driver.CloudError) as caught:
        octavia.add_member(lb_id, pool, '10.0.0.30', 80)
    assert caught.value.code == 409 and 'Duplicate member' in caught.value.message
    with pytest.raises(openstack_driver.CloudError) as caught:
        call('delete', sdk.delete_load_balancer, lb_id, ignore_missing=False)
    assert caught.value.code == 400 and 'children' in caught.value.message
    # another project does not see it
    other = backends.clouds(conf).load_balancing(OTHER)
    assert other.get_load_balancer(lb_id) is None


def test_template_validation_needs_no_parameters(conf):
    heat = backends.clouds(conf).orchestration(CTX)
    result = heat.validate_template(TEMPLATE)  # 'label' has no default: fine
    assert set(result.Parameters) == {'length', 'label'}
    with pytest.raises(openstack_driver.CloudError) as caught:
        heat.validate_template(dict(TEMPLATE, resources={
            'x': {'type': 'OS::Nova::Server',
                  'properties': {'flavor': 'm1.huge', 'image': {
                      'get_param': 'label'}}}}))
    assert caught.value.code == 400 and "'m1.huge'" in caught.value.message


def test_stack_tags_travel_as_heats_api_takes_them(conf):
    heat = backends.clouds(conf).orchestration(CTX)
    stack_id = heat.create_stack(name='tagged', template=TEMPLATE,
                                 parameters={'label': 'x'},
                                 tags=['cluster_node_id=n1', 'cluster_id=c1'])
    assert heat.get_stack(stack_id).tags == ['cluster_node_id=n1', 'cluster_id=c1']
    # A list sent as it is gets Heat's answer (the driver joins it).
    with pytest.raises(openstack_driver.CloudError) as caught:
        heat.compute.call('create', heat.compute.conn.orchestration.create_stack,
                          name='raw', template=TEMPLATE, parameters={'label': 'x'},
                          tags=['a', 'b'])
    assert caught.value.code == 400 and 'split' in caught.value.message


def test_senlin_wait_time_metadata_makes_one_server_slow(compute):
    """Senlin's fake Nova builds a server for its ``simulated_wait_time``
    metadata; so does the simulated cloud, whatever build_seconds says (0 here)."""
    quick = _boot(compute, 'quick')
    slow = _boot(compute, 'slow', metadata={'simulated_wait_time': '30'})
    assert compute.get_server(quick.id).status == 'ACTIVE'
    assert compute.get_server(slow.id).status == 'BUILD'


def test_an_immutable_409_is_retried_a_bounded_number_of_times(conf):
    conf.set_override('build_seconds', 0.0, group='simulated')
    octavia, _subnet, lb_id, _listener, pool = _balancer(conf)
    cloud = backends.clouds(conf).cloud
    immutable = 'Load Balancer %s is immutable and cannot be updated.' % lb_id
    cloud.inject('create_member', 409, immutable,
                 count=openstack_driver.CONFLICT_RETRIES)
    member = octavia.add_member(lb_id, pool, '10.0.0.40', 80)
    assert octavia.conflicts == openstack_driver.CONFLICT_RETRIES
    assert [m.id for m in octavia.members(pool)] == [member]
    cloud.inject('create_member', 409, immutable,
                 count=openstack_driver.CONFLICT_RETRIES + 1)
    with pytest.raises(openstack_driver.CloudError) as caught:
        octavia.add_member(lb_id, pool, '10.0.0.41', 80)
    assert caught.value.code == 409 and 'immutable' in caught.value.message
    # The status tree: one request, every member with its status.
    tree = octavia.status_tree(lb_id)['loadbalancer']
    (members,) = [p['members'] for l in tree['listeners'] for p in l['pools']]
    assert [(m['id'], m['address']) for m in members] == [(member, '10.0.0.40')]
