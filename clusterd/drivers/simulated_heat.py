"""Heat stacks of the simulated OpenStack cloud (``conn.orchestration``).

A stack is built from its template as Heat would check it: the template must
have a ``heat_template_version`` and ``resources`` whose types are known, the
parameters it declares without a default must be given, unknown parameters
are refused, and ``OS::Nova::Server`` resources name a flavor and an image of
the simulated catalog.  Outputs are resolved from ``get_param``,
``get_resource`` and ``get_attr`` of the stack's own resources.  Status moves
as Heat's does (``CREATE_IN_PROGRESS`` then ``CREATE_COMPLETE``, or
``CREATE_FAILED`` when a failure is injected with ``Cloud.inject('stack_build')``
or an ``OS::Heat::TestResource`` has ``fail: true``), over ``[simulated]
build_seconds``.  With ``disable_rollback: false`` a failed create or update
ends ``ROLLBACK_COMPLETE`` and only the stack's events keep why, as on Heat.
A stack's resources are records of the stack, not servers of the simulated
Nova.
"""

import copy
import secrets
import uuid

import yaml

from clusterd.drivers import simulated_resources as sim

KNOWN_TYPES = frozenset({
    'OS::Heat::None', 'OS::Heat::TestResource', 'OS::Heat::RandomString',
    'OS::Heat::Value', 'OS::Heat::ResourceGroup', 'OS::Nova::Server',
    'OS::Nova::ServerGroup', 'OS::Neutron::Port', 'OS::Cinder::Volume',
    'OS::Heat::SoftwareConfig', 'OS::Heat::CloudConfig',
})
_VERSIONS = ('2013-05-23', '2014-10-16', '2015-04-30', '2015-10-15', '2016-04-08',
             '2016-10-14', '2017-02-24', '2017-09-01', '2018-03-02', '2018-08-31',
             '2021-04-16', 'newton', 'ocata', 'pike', 'queens', 'rocky',
             'wallaby')


def _bad(message):
    return sim.http_error(400, message)


def parse_template(template, files=None):
    """The template as a dict; :raises BadRequestException: if it is not one."""
    if isinstance(template, str):
        try:
            template = yaml.safe_load(template)
        except yaml.YAMLError as exc:
            raise _bad('The template is not valid YAML: %s' % exc)
    if not isinstance(template, dict):
        raise _bad('The template must be a mapping.')
    version = template.get('heat_template_version')
    if version is None:
        raise _bad('The template version is invalid: heat_template_version is '
                   'missing.')
    if str(version) not in _VERSIONS:
        raise _bad('The template version is invalid: "heat_template_version: %s". '
                   '"heat_template_version" should be one of: %s'
                   % (version, ', '.join(_VERSIONS)))
    return template


class _Builder:
    """Resolves a template's parameters, resources and outputs."""

    def __init__(self, cloud, template, parameters, files, environment,
                 strict=True):
        self.cloud = cloud
        self.strict = strict  # False: validation, parameters not given yet
        self.template = template
        self.files = files or {}
        environment = environment or {}
        if isinstance(environment, str):
            environment = yaml.safe_load(environment) or {}
        given = dict((environment.get('parameter_defaults') or {}))
        given.update(environment.get('parameters') or {})
        given.update(parameters or {})
        self.parameters = self._parameters(given)
        self.resources = {}

    def _parameters(self, given):
        declared = self.template.get('parameters') or {}
        unknown = sorted(set(given) - set(declared))
        if unknown:
            raise _bad('The Parameter (%s) was not defined in template.' % unknown[0])
        values = {}
        for name, spec in declared.items():
            spec = spec or {}
            if name in given:
                values[name] = given[name]
            elif 'default' in spec:
                values[name] = spec['default']
            elif not self.strict:
                values[name] = None
                continue
            else:
                raise _bad('The Parameter (%s) was not provided.' % name)
            if spec.get('type') == 'number':
                try:
                    values[name] = float(values[name]) if '.' in str(
                        values[name]) else int(values[name])
                except (TypeError, ValueError):
                    raise _bad('Parameter \'%s\' is invalid: Value \'%s\' is not '
                               'a number.' % (name, values[name]))
        return values

    def resolve(self, value):
        if isinstance(value, dict) and len(value) == 1:
            (function, argument), = value.items()
            if function == 'get_param':
                name = argument[0] if isinstance(argument, list) else argument
                if name not in self.parameters:
                    raise _bad('The Parameter (%s) was not defined in template.'
                               % name)
                return self.parameters[name]
            if function == 'get_resource':
                return (self.resources.get(argument) or {}).get('physical_id')
            if function == 'get_attr':
                resource = self.resources.get(argument[0]) or {}
                attributes = resource.get('attributes') or {}
                return attributes.get(argument[1]) if len(argument) > 1 \
                    else attributes
            if function == 'get_file':
                if argument not in self.files and not self.strict:
                    return None
                if argument not in self.files:
                    raise _bad('Could not fetch remote template "%s"' % argument)
                return self.files[argument]
            if function == 'str_replace':
                text = self.resolve(argument.get('template')) or ''
                for key, replacement in (argument.get('params') or {}).items():
                    text = text.replace(key, str(self.resolve(replacement)))
                return text
            if function == 'list_join':
                return argument[0].join(str(self.resolve(v)) for v in argument[1])
        if isinstance(value, dict):
            return {k: self.resolve(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        return value

    def build(self):
        for name, definition in (self.template.get('resources') or {}).items():
            if not isinstance(definition, dict) or 'type' not in definition:
                raise _bad('Resource %s: a resource needs a type.' % name)
            kind = definition['type']
            if kind not in KNOWN_TYPES and kind not in self.files:
                raise _bad('The Resource Type (%s) could not be found.' % kind)
            properties = self.resolve(definition.get('properties') or {})
            if kind == 'OS::Nova::Server':
                for key, catalog, label in (('flavor', 'flavors', 'Flavor'),
                                            ('image', 'images', 'Image')):
                    if isinstance(properties.get(key), str) and self.cloud.find(
                            catalog, properties[key]) is None:
                        raise _bad('Property error: resources.%s.properties.%s: '
                                   'Error validating value \'%s\': No %s matching '
                                   '%s.' % (name, key, properties[key], label,
                                            properties[key]))
            attributes = {}
            if kind == 'OS::Heat::RandomString':
                length = int(properties.get('length') or 32)
                attributes['value'] = secrets.token_urlsafe(length)[:length]
            elif kind == 'OS::Heat::Value':
                attributes['value'] = properties.get('value')
            elif kind == 'OS::Heat::TestResource':
                attributes['output'] = properties.get('value')
            self.resources[name] = {
                'resource_name': name, 'resource_type': kind,
                'physical_id': str(uuid.uuid4()), 'properties': properties,
                'attributes': attributes}
        return self.resources

    def outputs(self):
        result = []
        for key, spec in (self.template.get('outputs') or {}).items():
            spec = spec or {}
            result.append({'output_key': key,
                           'output_value': self.resolve(spec.get('value')),
                           'description': spec.get('description')
                           or 'No description given'})
        return result


def _failing(resources, action):
    """Heat's reason when an ``OS::Heat::TestResource`` with ``fail: true``
    fails the stack's create or update, else None."""
    for name, resource in resources.items():
        if resource['resource_type'] == 'OS::Heat::TestResource' and \
                str(resource['properties'].get('fail')).lower() in _TRUE:
            return ('Resource %s failed: ValueError: resources.%s: Test Resource '
                    'failed %s' % (action, name, name))
    return None


_TRUE = ('true', 't', 'on', 'y', 'yes', '1')


class OrchestrationProxy(sim.Proxy):
    """openstacksdk's orchestration proxy, over the simulated Heat."""

    def _mine(self, stack):
        return stack['project_id'] == self.conn.project_id and \
            stack['region'] == self.conn.region_name

    def _build(self, attrs):
        template = attrs.get('template')
        if template is None and attrs.get('template_url'):
            files = attrs.get('files') or {}
            template = files.get(attrs['template_url'])
            if template is None:
                raise _bad('Could not retrieve template: %s (the simulated cloud '
                           'reads templates from files only)' % attrs['template_url'])
        if template is None:
            raise _bad('Need more arguments: a template or a template_url.')
        template = parse_template(template, attrs.get('files'))
        builder = _Builder(self.cloud, template, attrs.get('parameters'),
                           attrs.get('files'), attrs.get('environment'))
        resources = builder.build()
        return template, builder.parameters, resources, builder.outputs()

    def _view(self, stack):
        return sim.Resource(
            id=stack['id'], name=stack['name'], status=stack['status'],
            stack_status=stack['status'], status_reason=stack['status_reason'],
            parameters=copy.deepcopy(stack['parameters']),
            outputs=copy.deepcopy(stack['outputs']),
            template_description=stack['template'].get('description'),
            timeout_mins=stack.get('timeout_mins'),
            is_rollback_disabled=stack.get('disable_rollback', True),
            tags=list(stack.get('tags') or []), project_id=stack['project_id'],
            creation_time=sim.iso(stack['created']),
            updated_time=sim.iso(stack['updated']), location=None,
            simulated=True)

    def _settle(self, stack):
        pending = stack.get('pending')
        if pending and self.cloud.clock() >= pending['at']:
            stack['pending'] = None
            stack['updated'] = pending['at']
            self._end(stack, pending['status'], pending['reason'],
                      pending.get('set'))
            return True
        return False

    def _end(self, stack, status, reason, settled):
        """An action ends: Heat's status, its event, and the rollback of a
        failed create or update when the stack has rollback on."""
        self._event(stack, status, reason)
        stack.update(status=status, status_reason=reason)
        stack.update(settled or {})
        if status in ('CREATE_FAILED', 'UPDATE_FAILED') and \
                not stack.get('disable_rollback', True):
            # As Heat: the reason of the failure stays in the events only.
            if status == 'CREATE_FAILED':
                stack.update(resources={}, outputs=[])
            self._event(stack, 'ROLLBACK_IN_PROGRESS', 'Stack ROLLBACK started')
            stack.update(status='ROLLBACK_COMPLETE',
                         status_reason='Stack ROLLBACK completed successfully')
            self._event(stack, stack['status'], stack['status_reason'])
        if stack['status'] == 'DELETE_COMPLETE':
            stack['deleted'] = True

    def _event(self, stack, status, reason):
        stack.setdefault('events', []).append(
            {'id': str(uuid.uuid4()), 'resource_name': stack['name'],
             'resource_status': status, 'resource_status_reason': reason,
             'event_time': sim.iso(self.cloud.clock())})

    def _begin(self, stack, action, failure=None, settled=None):
        now = self.cloud.clock()
        stack['updated'] = now
        status = '%s_%s' % (action, 'FAILED' if failure else 'COMPLETE')
        reason = failure or 'Stack %s completed successfully' % action
        if self.cloud.build_seconds <= 0:
            stack['pending'] = None
            self._end(stack, status, reason, settled)
            return
        stack.update(status='%s_IN_PROGRESS' % action,
                     status_reason='Stack %s started' % action)
        self._event(stack, stack['status'], stack['status_reason'])
        stack['pending'] = {'status': status, 'reason': reason,
                            'at': now + self.cloud.build_seconds,
                            'set': settled or {}}

    def _live(self, name_or_id):
        for stack in self.cloud.stacks.values():
            if self._mine(stack) and not stack.get('deleted') and \
                    name_or_id in (stack['id'], stack['name']):
                if self._settle(stack):
                    self.cloud.save()
                if not stack.get('deleted'):
                    return stack
        raise sim.not_found('Stack', name_or_id)

    def create_stack(self, preview=False, **attrs):
        self._enter('create_stack', 'POST', '/v1/{project}/stacks')
        name = attrs.get('name')
        if not name:
            raise _bad('The stack needs a name.')
        tags = attrs.get('tags') or ''
        if not isinstance(tags, str):
            # as Heat's API answers a list
            raise _bad("Unexpected error occurred serving API: '%s' object has no "
                       "attribute 'split'" % type(tags).__name__)
        tags = [tag for tag in tags.split(',') if tag]
        template, parameters, resources, outputs = self._build(attrs)
        with self.cloud.lock:
            for stack in self.cloud.stacks.values():
                if self._mine(stack) and stack['name'] == name and \
                        not stack.get('deleted'):
                    raise sim.http_error(409, 'The Stack (%s) already exists.' % name)
            now = self.cloud.clock()
            stack = {'id': str(uuid.uuid4()), 'name': name,
                     'project_id': self.conn.project_id,
                     'region': self.conn.region_name, 'template': template,
                     'parameters': parameters, 'resources': resources,
                     'outputs': outputs, 'files': attrs.get('files') or {},
                     'environment': attrs.get('environment') or {},
                     'timeout_mins': attrs.get('timeout_mins'),
                     'disable_rollback': attrs.get('disable_rollback', True),
                     'tags': tags, 'created': now,
                     'updated': now, 'status': 'INIT_COMPLETE',
                     'status_reason': None, 'pending': None}
            injected = self.cloud.take_injected('stack_build')
            self._begin(stack, 'CREATE', injected[1] if injected
                        else _failing(resources, 'CREATE'))
            self.cloud.stacks[stack['id']] = stack
        self.cloud.save()
        return sim.Resource(id=stack['id'], name=name)

    def validate_template(self, template, environment=None, template_url=None,
                          ignore_errors=None):
        """Heat's template validation: the version, the resource types and the
        catalog names a template gives literally; parameters need not be given."""
        self._enter('validate_template', 'POST', '/v1/{project}/validate')
        if template is None:
            raise _bad('The simulated cloud validates templates, not URLs.')
        parsed = parse_template(template)
        builder = _Builder(self.cloud, parsed, None, None, environment,
                           strict=False)
        builder.build()
        return sim.Resource(
            Description=parsed.get('description') or 'No description',
            Parameters={name: dict(spec or {}, NoEcho='false')
                        for name, spec in (parsed.get('parameters') or {}).items()})

    def get_stack(self, stack, resolve_outputs=True):
        self._enter('get_stack', 'GET', '/v1/{project}/stacks/{id}')
        with self.cloud.lock:
            return self._view(self._live(getattr(stack, 'id', stack)))

    def find_stack(self, name_or_id, ignore_missing=True, **_query):
        self._enter('find_stack', 'GET', '/v1/{project}/stacks')
        try:
            with self.cloud.lock:
                return self._view(self._live(name_or_id))
        except Exception:
            if ignore_missing:
                return None
            raise

    def stacks(self, **_query):
        self._enter('stacks', 'GET', '/v1/{project}/stacks')
        with self.cloud.lock:
            for stack in self.cloud.stacks.values():
                self._settle(stack)
            return [self._view(s) for s in self.cloud.stacks.values()
                    if self._mine(s) and not s.get('deleted')]

    def resources(self, stack, **_query):
        self._enter('resources', 'GET', '/v1/{project}/stacks/{id}/resources')
        with self.cloud.lock:
            live = self._live(getattr(stack, 'id', stack))
            status = live['status']
            return [sim.Resource(resource_name=r['resource_name'],
                                 resource_type=r['resource_type'],
                                 physical_resource_id=r['physical_id'],
                                 status=status)
                    for r in live['resources'].values()]

    def stack_events(self, stack, resource_name=None, **query):
        """The stack's own events (those of its resources are not kept), newest
        first with ``sort_dir='desc'``; ``resource_status`` and
        ``resource_action`` filter as Heat's do (``FAILED``, ``CREATE``)."""
        self._enter('stack_events', 'GET', '/v1/{project}/stacks/{id}/events')
        with self.cloud.lock:
            live = self._live(getattr(stack, 'id', stack))
            events = [e for e in live.get('events') or ()
                      if resource_name in (None, live['name'])]
        action, status = query.get('resource_action'), query.get('resource_status')
        events = [e for e in events
                  if (not action or e['resource_status'].startswith(action + '_'))
                  and (not status or e['resource_status'].endswith('_' + status))]
        if query.get('sort_dir') == 'desc':
            events.reverse()
        return [sim.Resource(**e) for e in events]

    def _busy(self, stack):
        if stack['status'].endswith('_IN_PROGRESS'):
            raise sim.http_error(409, 'Stack %s already has an action (%s) in '
                                      'progress.' % (stack['name'], stack['status']))

    def update_stack(self, stack, preview=False, **attrs):
        """openstacksdk's update is Heat's PUT: the whole definition again."""
        self._enter('update_stack', 'PUT', '/v1/{project}/stacks/{id}')
        if attrs.get('template') is None and not attrs.get('template_url'):
            raise _bad('No template specified')
        with self.cloud.lock:
            live = self._live(getattr(stack, 'id', stack))
            self._busy(live)
            # PUT: what is not given now is not kept (files and environment
            # too); parameters not given take their defaults.
            merged = {'template': attrs.get('template'),
                      'template_url': attrs.get('template_url'),
                      'files': attrs.get('files') or {},
                      'environment': attrs.get('environment') or {},
                      'parameters': dict(attrs.get('parameters') or {})}
        template, parameters, resources, outputs = self._build(merged)
        with self.cloud.lock:
            live = self._live(getattr(stack, 'id', stack))
            injected = self.cloud.take_injected('stack_update')
            failure = injected[1] if injected else _failing(resources, 'UPDATE')
            settled = {} if failure else {
                'template': template, 'parameters': parameters,
                'resources': resources, 'outputs': outputs,
                'files': merged['files'], 'environment': merged['environment']}
            for key in ('timeout_mins', 'disable_rollback', 'tags'):
                if attrs.get(key) is not None:
                    settled[key] = attrs[key]
            self._begin(live, 'UPDATE', failure, settled)
        self.cloud.save()

    def delete_stack(self, stack, ignore_missing=True):
        self._enter('delete_stack', 'DELETE', '/v1/{project}/stacks/{id}')
        try:
            with self.cloud.lock:
                live = self._live(getattr(stack, 'id', stack))
                if live['status'] == 'DELETE_IN_PROGRESS':
                    return
                self._begin(live, 'DELETE')
        except Exception:
            if ignore_missing:
                return
            raise
        self.cloud.save()

    def check_stack(self, stack):
        self._enter('check_stack', 'POST', '/v1/{project}/stacks/{id}/actions')
        with self.cloud.lock:
            live = self._live(getattr(stack, 'id', stack))
            self._busy(live)
            failed = live['status'].endswith('_FAILED')
            self._begin(live, 'CHECK', live['status_reason'] if failed else None)
        self.cloud.save()
