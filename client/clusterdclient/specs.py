"""Spec files: read, checked, and (for ``os.heat.stack``) made self-contained.

A Heat stack profile names its template and environment files; the service
never sees the user's disk, so the client reads them and sends the template,
every file it pulls in (``get_file``, nested templates given as a resource
``type``) and the merged environment, as Heat's own client does.  Paths are
relative to the working directory; files a template pulls in are relative to
the template.
"""

import json
import pathlib
from urllib import parse
from urllib import request

from osc_lib import exceptions
import yaml

TEMPLATE_VERSION_KEYS = ('heat_template_version', 'HeatTemplateFormatVersion',
                         'AWSTemplateFormatVersion')
ENVIRONMENT_SECTIONS = ('parameter_defaults', 'parameters', 'resource_registry',
                        'encrypted_param_names', 'event_sinks',
                        'parameter_merge_strategies')
NESTED_TEMPLATE_SUFFIXES = ('.yaml', '.template')


class _TextLoader(yaml.SafeLoader):
    """YAML as Heat reads it: timestamps (``2018-08-31``) stay text."""


_TextLoader.add_constructor('tag:yaml.org,2002:timestamp',
                            _TextLoader.construct_scalar)


def load(path):
    """The YAML (or JSON) mapping in a spec file."""
    try:
        with open(path) as stream:
            data = yaml.safe_load(stream)
    except OSError as exc:
        raise exceptions.CommandError('Cannot read the spec file %s: %s' % (
            path, exc.strerror))
    except yaml.YAMLError as exc:
        raise exceptions.CommandError('The spec file %s is not valid YAML: %s'
                                      % (path, ' '.join(str(exc).split())))
    if not isinstance(data, dict):
        raise exceptions.CommandError('The spec file %s holds no mapping.' % path)
    return data


def load_profile(path):
    """A profile spec: checked for its keys, a Heat stack's files read in."""
    spec = load(path)
    for key in ('type', 'version', 'properties'):
        if spec.get(key) is None:
            raise exceptions.CommandError("Missing '%s' key in spec file." % key)
    if spec['type'] == 'os.heat.stack':
        spec['properties'] = stack_properties(spec['properties'])
    return spec


def file_url(path):
    if parse.urlparse(path).scheme:
        return path
    return pathlib.Path(path).resolve().as_uri()


def _directory_url(url):
    parsed = parse.urlparse(url)
    return parse.urljoin(url, str(pathlib.PurePosixPath(parsed.path).parent))


def _read(url):
    try:
        with request.urlopen(url) as response:
            content = response.read()
    except (OSError, ValueError) as exc:
        raise exceptions.CommandError('Could not read %s: %s' % (url, exc))
    try:
        return content.decode('utf-8')
    except UnicodeDecodeError:
        # Binary files travel base64-encoded, as Heat's client sends them.
        import base64
        return base64.encodebytes(content).decode('ascii')


def parse_template(text):
    """A Heat template (JSON or YAML); ValueError if it is none."""
    text = text.strip()
    try:
        template = json.loads(text) if text.startswith('{') else \
            (yaml.load(text, Loader=_TextLoader) or {})
    except yaml.YAMLError as exc:
        raise ValueError(' '.join(str(exc).split()))
    if not isinstance(template, dict) or not any(
            key in template for key in TEMPLATE_VERSION_KEYS):
        raise ValueError('Template format version not found.')
    return template


def _fetch(url, files):
    """Put the file at ``url`` in ``files``: a template (with what it pulls
    in) as JSON text, anything else as it is."""
    if url in files:
        return
    content = _read(url)
    try:
        template = parse_template(content)
    except (ValueError, TypeError):
        files[url] = content
        return
    files[url] = None           # a template that includes itself stops here
    _pull_in(template, files, _directory_url(url))
    files[url] = json.dumps(template)


def _pull_in(data, files, base_url):
    """Replace each ``get_file`` path and nested template ``type`` in
    ``data`` by its absolute URL and read the file into ``files``."""
    if isinstance(data, list):
        for item in data:
            _pull_in(item, files, base_url)
        return
    if not isinstance(data, dict):
        return
    for value in data.values():
        _pull_in(value, files, base_url)
    for key, value in list(data.items()):
        if not isinstance(value, str):
            continue
        if key == 'get_file' or (key == 'type' and
                                 value.endswith(NESTED_TEMPLATE_SUFFIXES)):
            url = parse.urljoin(base_url.rstrip('/') + '/', value)
            _fetch(url, files)
            data[key] = url


def _registry_files(registry, files, base_url):
    """Read the templates a resource registry maps types to."""
    def pull(mapping, base):
        for key, value in list(mapping.items()):
            if key in ('base_url', 'hooks', 'restricted_actions') or \
                    not isinstance(value, str) or '::' in value:
                continue
            url = parse.urljoin(base.rstrip('/') + '/', value)
            _fetch(url, files)
            mapping[key] = url

    base_url = registry.get('base_url', base_url)
    pull(registry, base_url)
    for resource in (registry.get('resources') or {}).values():
        if isinstance(resource, dict):
            pull(resource, resource.get('base_url', base_url))


def _merge(old, new):
    for key, value in new.items():
        if isinstance(value, dict):
            old[key] = _merge(old.get(key) or {}, value)
        elif value is None and isinstance(old.get(key), dict):
            continue
        else:
            old[key] = value
    return old


def _environment(paths, files):
    merged = {}
    for path in paths or ():
        url = file_url(path)
        try:
            environment = yaml.load(_read(url), Loader=_TextLoader) or {}
        except yaml.YAMLError as exc:
            raise exceptions.CommandError('The environment %s is not valid '
                                          'YAML: %s' % (path, exc))
        if not isinstance(environment, dict):
            raise exceptions.CommandError('The environment %s is not a '
                                          'mapping.' % path)
        for section in environment:
            if section not in ENVIRONMENT_SECTIONS:
                raise exceptions.CommandError(
                    'The environment %s has an unknown section "%s".' % (
                        path, section))
        if environment.get('resource_registry'):
            _registry_files(environment['resource_registry'], files,
                            _directory_url(url))
        merged = _merge(merged, environment)
    return merged


def stack_properties(properties):
    """The properties of an ``os.heat.stack`` spec, its files read in."""
    if not isinstance(properties, dict):
        raise exceptions.CommandError("The spec's properties are not a mapping.")
    if not properties.get('template'):
        raise exceptions.CommandError('No template found in the given spec file.')
    url = file_url(properties['template'])
    try:
        template = parse_template(_read(url))
    except ValueError as exc:
        raise exceptions.CommandError('Error parsing template %s: %s' % (url, exc))
    files = {}
    _pull_in(template, files, _directory_url(url))
    environment = _environment(properties.get('environment'), files)
    return {
        'disable_rollback': properties.get('disable_rollback', True),
        'context': properties.get('context', {}),
        'parameters': properties.get('parameters', {}),
        'timeout': properties.get('timeout', 60),
        'template': template,
        'files': files,
        'environment': environment,
    }
