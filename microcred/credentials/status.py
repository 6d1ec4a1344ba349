"""Revocation through W3C Bitstring Status Lists: one bit per credential, lists of 131,072."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from microcred.accounts.models import PartnerOrganisation
from microcred.credentials import issuer, token_status
from microcred.credentials.models import STATUS_LIST_SIZE, StatusList
from vckit import proof, status_list
from vckit.model import StatusEntry


def list_url(status: StatusList) -> str:
    return settings.SITE_URL + reverse("credentials:status_list", args=[status.pk])


def allocate(partner: PartnerOrganisation | None = None) -> tuple[StatusList, int]:
    """The next free bit. Must run inside the issuing transaction (rows are locked)."""
    return allocate_many(1, partner)[0]


def allocate_many(count: int,
                  partner: PartnerOrganisation | None = None) -> list[tuple[StatusList, int]]:
    """The next `count` free bits in the lists of the issuer (`partner`, None: the consortium),
    opening a new list when one fills up.

    Must run inside the issuing transaction: the list row stays locked until it commits, so two
    workers never hand out the same bit, and a rollback gives the bits back.
    """
    bits: list[tuple[StatusList, int]] = []
    while len(bits) < count:
        status = (StatusList.objects.select_for_update()
                  .filter(purpose="revocation", issuer_partner=partner).order_by("-pk").first())
        if status is None or status.is_full:
            # Published (signed) from its first bit on, so every credential's entry resolves.
            status = sign(StatusList.objects.create(issuer_partner=partner))
        first = status.next_index
        status.next_index = min(STATUS_LIST_SIZE, first + count - len(bits))
        status.save(update_fields=["next_index"])
        bits.extend((status, index) for index in range(first, status.next_index))
    return bits


def entry(status: StatusList, index: int) -> StatusEntry:
    return StatusEntry(list_url=list_url(status), index=index)


@transaction.atomic
def set_revoked(status: StatusList, index: int) -> StatusList:
    status = StatusList.objects.select_for_update().get(pk=status.pk)
    bits = bytearray(status.bits)
    status_list.set_bit(bits, index, True)
    status.bits = bytes(bits)
    status.save(update_fields=["bits"])
    token_status.sign_after_revocation(status)  # the SD-JWT VCs' list says the same at once
    return sign(status)


def sign(status: StatusList) -> StatusList:
    """(Re)sign the list credential; served as is, so verifiers see the change at once."""
    now = timezone.now()
    controller = issuer.issuer_did(status.issuer_partner)
    unsigned = status_list.build_credential(list_url=list_url(status), issuer=controller,
                                            bitstring=bytes(status.bits), valid_from=now)
    status.signed_credential = proof.sign(unsigned, issuer.signing_key(controller), created=now)
    status.save(update_fields=["signed_credential"])
    return status
