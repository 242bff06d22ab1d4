"""The gabbi API tests of test_api_gabbi.py, on PostgreSQL (skipped, or failed with
CLUSTERD_TEST_REQUIRE_SERVICES=1, when PostgreSQL is not reachable)."""

from tests.functional import test_api_gabbi
from tests.functional.test_api_gabbi import gabbi_runner  # noqa: F401
from tests.functional.test_api_gabbi import test_gabbi  # noqa: F401


def pytest_generate_tests(metafunc):
    test_api_gabbi.generate(metafunc, 'postgresql')
