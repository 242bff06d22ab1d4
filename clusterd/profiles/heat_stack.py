"""``os.heat.stack``: nodes that are Heat stacks (spec version 1.0).

Senlin's spec format, unchanged::

    type: os.heat.stack
    version: 1.0
    properties:
      template: {heat_template_version: 2014-10-16, resources: {...}}
      parameters: {size: 2}
      timeout: 60                # minutes
      disable_rollback: true

Each node's stack is named ``<node name>-<first 8 characters of the node id>``
and tagged ``cluster_node_id=<node id>`` (Senlin's tag), so a create retried
after an engine died finds the stack the first attempt made.  The cloud is
whatever ``[DEFAULT] cloud_backend`` names (:mod:`clusterd.drivers.backends`):
Heat through openstacksdk, or the simulated cloud's.
"""

import json
import time

from oslo_log import log as logging

from clusterd.drivers import openstack as openstack_driver
from clusterd.profiles import base
from clusterd.profiles import cloud_access
from clusterd import schema

LOG = logging.getLogger(__name__)

INIT = 'INIT'  # a node never attempted (clusterd.states.N_INIT)
NODE_TAG = 'cluster_node_id=%s'
CLUSTER_TAG = 'cluster_id=%s'
# How long a create waits for Heat to release the name of a deleted stack.
NAME_RELEASE_SECONDS = 30

# Spec property -> openstacksdk's attribute of a stack create or update.
_STACK_ATTRS = (('template', 'template'), ('template_url', 'template_url'),
                ('parameters', 'parameters'), ('files', 'files'),
                ('environment', 'environment'), ('timeout', 'timeout_mins'),
                ('disable_rollback', 'disable_rollback'))


class HeatStackProfile(base.Profile):
    """Nodes that are Heat stacks."""

    TYPE = 'os.heat.stack'
    VERSION = '1.0'
    SUPPORT_STATUS = {'1.0': [{'status': 'SUPPORTED', 'since': '2016.04'}]}

    properties_schema = {
        'context': schema.Map('Where to reach the cloud: region_name.', default={}),
        'template': schema.Map('The Heat template of the stack.', default={},
                               updatable=True),
        'template_url': schema.String('URL of the template (instead of '
                                      'template).', default='', updatable=True),
        'parameters': schema.Map('Parameters of the template.', default={},
                                 updatable=True),
        'files': schema.Map('Files the template refers to (get_file, nested '
                            'templates), by name.', default={}, updatable=True),
        'timeout': schema.Integer('Minutes a stack create or update may take.',
                                  updatable=True,
                                  constraints=[schema.Range(min=1)]),
        'disable_rollback': schema.Boolean('Keep a failed stack as it is instead '
                                           'of rolling it back.', default=True,
                                           updatable=True),
        'environment': schema.Map('The Heat environment of the stack.',
                                  default={}, updatable=True),
    }

    def __init__(self, name, spec, conf=None, profile_id=None):
        super().__init__(name, spec, conf=conf, profile_id=profile_id)
        if not self.properties['template'] and not self.properties['template_url']:
            raise schema.InvalidSpec("Both template and template_url are empty: "
                                     "one of them is needed.", 'properties')

    def validate_resources(self, ctx):
        """Heat's template validation of ``template`` (a spec with
        ``template_url`` or ``files`` is left to the stack create, which has
        them all); see :meth:`base.Profile.validate_resources`."""
        props = self.properties
        if not props['template'] or props['files']:
            return
        try:
            heat = cloud_access.orchestration(
                self.conf, ctx, None, None, region_name=(props['context'] or {}).get('region_name'))
            heat.validate_template(props['template'], props['environment'])
        except openstack_driver.CloudError as exc:
            if exc.code == 400:
                raise schema.InvalidSpec(exc.message.split(': ', 1)[-1]
                                         .replace(' (HTTP 400)', ''),
                                         'properties.template') from exc
            LOG.info('Not checking the template of profile %s against the '
                     'cloud: %s', self.name, exc.message)

    # --- the cloud ----------------------------------------------------------------

    def _heat(self, ctx, node=None):
        user = (node.user if node is not None else None) or ctx.user_id
        project = (node.project if node is not None else None) or ctx.project_id
        try:
            return cloud_access.orchestration(
                self.conf, ctx, user, project,
                region_name=(self.properties['context'] or {}).get('region_name'))
        except openstack_driver.CloudError as exc:
            raise base.ResourceError(exc.message) from exc

    def _timeout(self, heat):
        minutes = self.properties['timeout']
        return minutes * 60 if minutes else heat.options.server_create_timeout

    def _attrs(self):
        attrs = {}
        for prop, attr in _STACK_ATTRS:
            value = self.properties[prop]
            if value not in (None, '', {}):
                attrs[attr] = value
        return attrs

    @staticmethod
    def stack_name(node):
        return '%s-%s' % (node.name, node.id[:8])

    # --- what the engine calls ----------------------------------------------------

    def create(self, ctx, node):
        """Create (or find, when retried) the node's stack and wait for
        CREATE_COMPLETE; see :meth:`base.Profile.create`."""
        heat = self._heat(ctx, node)
        name = self.stack_name(node)
        try:
            stack_id = None
            if node.status != INIT:
                found = heat.find_stack(name)
                stack_id = found.id if found is not None else None
            if stack_id is None:
                tags = [NODE_TAG % node.id]
                if node.cluster_id:
                    tags.append(CLUSTER_TAG % node.cluster_id)
                stack_id = self._create_stack(heat, name, tags)
            heat.wait(stack_id, 'CREATE', self._timeout(heat))
        except openstack_driver.CloudError as exc:
            raise base.ResourceError(exc.message, exc.resource_id) from exc
        return stack_id

    def _create_stack(self, heat, name, tags):
        """POST the stack.  Heat keeps the name of a stack it has just deleted
        for a moment after DELETE_COMPLETE (until it purges the row), and
        answers 409 "already exists" meanwhile, though no stack of that name
        can be found: a recreate meets that, so it tries again."""
        deadline = time.monotonic() + NAME_RELEASE_SECONDS
        while True:
            try:
                return heat.create_stack(name=name, tags=tags, **self._attrs())
            except openstack_driver.CloudError as exc:
                if exc.code != 409 or time.monotonic() >= deadline or \
                        heat.find_stack(name) is not None:
                    raise
                LOG.info('Stack name %s is still taken by a deleted stack; '
                         'trying again', name)
            time.sleep(heat.compute.waiter.interval)

    def delete(self, ctx, node, force=False):
        """Delete the node's stack and wait until it is gone; one already gone is
        success.  See :meth:`base.Profile.delete`.

        When the node's stack is gone already (or the node never got one), the
        stack of its name is deleted too: a create that failed after the node
        last saved its physical id (a recreate whose new stack went
        CREATE_FAILED) left it, and the next create would find it by name."""
        heat = self._heat(ctx, node)
        try:
            stack_id = node.physical_id
            if stack_id and heat.get_stack(stack_id) is not None:
                self._delete(heat, stack_id)
                return
            found = heat.find_stack(self.stack_name(node))
            if found is not None and found.status != 'DELETE_COMPLETE':
                self._delete(heat, found.id)
        except openstack_driver.CloudError as exc:
            raise base.ResourceError(exc.message, exc.resource_id) from exc

    @staticmethod
    def _delete(heat, stack_id):
        heat.delete_stack(stack_id)
        heat.wait(stack_id, 'DELETE', heat.options.server_delete_timeout)

    def update(self, ctx, node, new_profile):
        """Update the stack with what changed (template, parameters, files,
        environment, timeout, rollback) and wait for UPDATE_COMPLETE."""
        if type(new_profile).TYPE != self.TYPE:
            raise base.ResourceError("Cannot update a node of type '%s' to type '%s'."
                                     % (self.TYPE, new_profile.TYPE))
        if not node.physical_id:
            raise base.ResourceError("The node '%s' has no stack." % node.name)
        changed = {}
        for prop, attr in _STACK_ATTRS:
            new = new_profile.properties[prop]
            if new != self.properties[prop] and new not in (None, ''):
                changed[attr] = new
        if not changed:
            return
        # NOTE: a stack update (openstacksdk's PUT) replaces the whole stack
        # definition: send all of it, not only what changed.
        changed = dict(new_profile._attrs(), **changed)
        heat = self._heat(ctx, node)
        try:
            heat.update_stack(node.physical_id, **changed)
            heat.wait(node.physical_id, 'UPDATE', new_profile._timeout(heat))
        except openstack_driver.CloudError as exc:
            raise base.ResourceError(exc.message, exc.resource_id) from exc

    def check(self, ctx, node):
        """Run Heat's stack check: healthy means CHECK_COMPLETE.  A stack whose
        create failed is unhealthy without one (Heat finds nothing wrong with a
        create it rolled back: there is nothing left to check)."""
        if not node.physical_id:
            return False
        heat = self._heat(ctx, node)
        try:
            stack = heat.get_stack(node.physical_id)
            if stack is None or heat.failed_create(stack):
                return False
            heat.check_stack(node.physical_id)
            heat.wait(node.physical_id, 'CHECK', self._timeout(heat))
        except openstack_driver.CloudError as exc:
            if exc.not_found or exc.resource_id:
                return False  # gone, or the check failed
            raise base.ResourceError(exc.message) from exc
        return True

    def list_resources(self, ctx, nodes):
        """Each node's stack status from one stack read each (no check run)."""
        result = {}
        for node in nodes:
            try:
                stack = self._heat(ctx, node).get_stack(node.physical_id) \
                    if node.physical_id else None
            except (openstack_driver.CloudError, base.ResourceError) as exc:
                result[node.id] = base.resource_status(
                    node.physical_id, base.UNKNOWN,
                    getattr(exc, 'message', str(exc)), None)
                continue
            if stack is None:
                result[node.id] = base.resource_status(
                    node.physical_id, base.MISSING, 'The stack could not be found.',
                    False)
            else:
                result[node.id] = self._stack_status(ctx, node, stack)
        return result

    def _stack_status(self, ctx, node, stack):
        """A stack's health: ``*_COMPLETE`` is healthy, ``*_FAILED`` not, a
        stack busy with an action (``*_IN_PROGRESS``) gives no verdict yet, and
        a rolled-back stack is healthy only if what failed was an update (the
        stack is as it was before)."""
        status, reason = stack.status, stack.status_reason
        if status in openstack_driver.ROLLED_BACK:
            try:
                failed = self._heat(ctx, node).failed_create(stack)
            except (openstack_driver.CloudError, base.ResourceError) as exc:
                return base.resource_status(node.physical_id, status,
                                            getattr(exc, 'message', str(exc)), None)
            if failed:
                return base.resource_status(
                    node.physical_id, status, 'The stack failed to create: %s'
                    % failed, False)
            return base.resource_status(node.physical_id, status, reason,
                                        status == 'ROLLBACK_COMPLETE')
        if status.endswith('_IN_PROGRESS'):
            return base.resource_status(node.physical_id, status, reason, None)
        return base.resource_status(node.physical_id, status, reason,
                                    status.endswith('_COMPLETE'))

    def get_details(self, ctx, node):
        """The stack as Heat shows it, with its outputs; ``{}`` when there is none."""
        if not node.physical_id:
            return {}
        try:
            stack = self._heat(ctx, node).get_stack(node.physical_id)
        except openstack_driver.CloudError as exc:
            raise base.ResourceError(exc.message) from exc
        if stack is None:
            return {}
        details = stack.to_dict(headers=False, computed=False, ignore_none=True)
        details.pop('location', None)
        details.pop('template', None)
        return _plain(details)


def _plain(value):
    """JSON-serialisable copy (datetimes and odd types as text)."""
    return json.loads(json.dumps(value, default=str))
