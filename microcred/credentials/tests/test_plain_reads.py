"""core/sql.py's value_by_pk reads what the ORM reads, decoded the same way (SQLite, PostgreSQL)."""

import uuid

import pytest

from microcred.core.sql import value_by_pk
from microcred.credentials.models import IssuedCredential, StatusList
from microcred.credentials.services import issue_for_attempt

pytestmark = pytest.mark.django_db


@pytest.fixture
def credential(passed):
    return issue_for_attempt(attempt_id=passed.pk)


def test_a_json_field_comes_back_as_the_orm_gives_it(credential):
    assert value_by_pk(IssuedCredential, "document", credential.pk) == credential.document
    assert value_by_pk(IssuedCredential, "document", str(credential.pk)) == credential.document


def test_a_status_list_by_its_integer_key(credential):
    status = StatusList.objects.get()
    assert value_by_pk(StatusList, "signed_credential", status.pk) == status.signed_credential
    assert value_by_pk(StatusList, "signed_credential", str(status.pk)) == status.signed_credential


def test_a_missing_row_is_a_lookup_error(credential):
    with pytest.raises(LookupError):
        value_by_pk(IssuedCredential, "document", uuid.uuid4())
