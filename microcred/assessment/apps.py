from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "microcred.assessment"
    label = "assessment"
    verbose_name = _("Assessment")

    def ready(self) -> None:
        # The item bank is read, stored and copied with its module version.
        from microcred.assessment import (
            exam_part,  # noqa: F401
            privacy,  # noqa: F401 - registers its part of the data export
        )
        from microcred.assessment.retake_forms import retake_findings
        from microcred.curriculum.completeness import register_module_check

        register_module_check(
            "retake_forms", _("Item banks: a different test for each attempt"), retake_findings
        )
