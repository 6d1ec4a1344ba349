"""Registers the item bank as the exam part of a module version (curriculum/exam_part.py)."""

from microcred.assessment import banks
from microcred.assessment.items_yaml import read_item_bank
from microcred.curriculum import exam_part

exam_part.register(exam_part.ExamPartHandler(
    read=lambda reader, path, outcomes: read_item_bank(path, outcomes, reader),
    store=lambda version, bank, actor: banks.store_bank(version=version, bank=bank, actor=actor),
    copy=lambda source, draft: banks.copy_bank(source=source, draft=draft),
    source=lambda version: bank.source if (bank := banks.bank_of(version)) else None,
))
