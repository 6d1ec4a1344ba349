from microcred.testing.fixtures import *  # noqa: F403 - persona fixtures for every app's tests
