"""JSON Schemas of request bodies: one module per resource, one schema per version.

A module names its schemas after the operation and the version that introduced
them (``CREATE``, ``UPDATE_V1_7``...); a handler picks the one for the request's
version and passes it to :func:`clusterd.api.util.extract_json`, whose 400 carries
jsonschema's message ("'name' is a required property"), as Senlin's did.
"""
