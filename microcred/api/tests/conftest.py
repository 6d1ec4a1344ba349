from microcred.credentials.tests.conftest import course, passed  # noqa: F401 - shared fixtures
