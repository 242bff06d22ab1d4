"""The ``openstack cluster`` commands for clusterd: an OpenStackClient plugin."""

__version__ = '0.1.0'
