import pytest

from clusterd import context as context_mod
from tests import databases
from tests import keystone_anchor


@pytest.fixture(params=databases.BACKENDS)
def backend(request):
    return request.param


@pytest.fixture(scope='module', params=databases.BACKENDS)
def database(request, tmp_path_factory):
    """A migrated throw-away database per backend, shared by a test module."""
    with databases.migrated_database(
            request.param, tmp_path_factory.mktemp('db')) as db:
        yield db


@pytest.fixture
def admin_ctx(database):
    return context_mod.admin_context(database)


@pytest.fixture(scope='session')
def keystone():
    """The Keystone anchor's URL (without /v3), started once per session."""
    with keystone_anchor.running() as url:
        yield url
