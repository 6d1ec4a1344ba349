from django.http import Http404

from microcred.accounts.models import User
from microcred.assessment import banks
from microcred.assessment.draw import learner_view, replay
from microcred.assessment.models import Attempt
from microcred.curriculum.models import Module


def access_attempt(user: User, attempt_id: int) -> Attempt:
    """The learner's own attempt; 404 for anyone else's (never reveal that it exists)."""
    attempt = (Attempt.objects.select_related("module", "bank", "module_version")
               .filter(pk=attempt_id, learner=user).first())
    if attempt is None:
        raise Http404
    return attempt


def questions(attempt: Attempt) -> list[dict]:
    """What the learner sees: texts and opaque tokens, never which answer is right."""
    bank = banks.parsed(attempt.bank)
    # Always the attempt's language, whatever the interface's: the test never changes language.
    return learner_view(bank, replay(bank, attempt.form), language=attempt.language)


def get_module(code: str) -> Module:
    module = Module.objects.filter(code=code, published_version__isnull=False).first()
    if module is None:
        raise Http404
    return module


def attempts_of(learner: User, module: Module) -> list[Attempt]:
    return list(Attempt.objects.filter(learner=learner, module=module).order_by("number"))
