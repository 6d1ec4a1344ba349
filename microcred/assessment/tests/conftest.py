import pytest

from microcred.assessment.items import ItemBank
from microcred.assessment.tests.banks import content_bank, read_sample, read_task_sample


@pytest.fixture(scope="session")
def sample_bank(tmp_path_factory) -> ItemBank:
    return read_sample(tmp_path_factory.mktemp("bank"))


@pytest.fixture(scope="session")
def m01_bank() -> ItemBank:
    return content_bank("01-devices-and-basics")


@pytest.fixture(scope="session")
def task_bank(tmp_path_factory) -> ItemBank:
    return read_task_sample(tmp_path_factory.mktemp("task-bank"))
