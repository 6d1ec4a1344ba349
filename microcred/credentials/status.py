"""Revocation through W3C Bitstring Status Lists: one bit per credential, lists of 131,072."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from microcred.credentials import issuer
from microcred.credentials.models import StatusList
from vckit import proof, status_list
from vckit.model import StatusEntry


def list_url(status: StatusList) -> str:
    return settings.SITE_URL + reverse("credentials:status_list", args=[status.pk])


def allocate() -> tuple[StatusList, int]:
    """The next free bit. Must run inside the issuing transaction (rows are locked)."""
    status = (StatusList.objects.select_for_update().filter(purpose="revocation")
              .order_by("-pk").first())
    if status is None or status.is_full:
        status = StatusList.objects.create()
        status = StatusList.objects.select_for_update().get(pk=status.pk)
    index = status.next_index
    status.next_index = index + 1
    status.save(update_fields=["next_index"])
    return status, index


def entry(status: StatusList, index: int) -> StatusEntry:
    return StatusEntry(list_url=list_url(status), index=index)


@transaction.atomic
def set_revoked(status: StatusList, index: int) -> StatusList:
    status = StatusList.objects.select_for_update().get(pk=status.pk)
    bits = bytearray(status.bits)
    status_list.set_bit(bits, index, True)
    status.bits = bytes(bits)
    status.save(update_fields=["bits"])
    return sign(status)


def sign(status: StatusList) -> StatusList:
    """(Re)sign the list credential; served as is, so verifiers see the change at once."""
    now = timezone.now()
    unsigned = status_list.build_credential(list_url=list_url(status),
                                            issuer=issuer.consortium_did(),
                                            bitstring=bytes(status.bits), valid_from=now)
    status.signed_credential = proof.sign(unsigned, issuer.signing_key(), created=now)
    status.save(update_fields=["signed_credential"])
    return status
