from microcred.credentials.tests.conftest import course, passed  # noqa: F401 - shared fixtures
from microcred.credentials.tests.local_http import server  # noqa: F401 - shared fixture
