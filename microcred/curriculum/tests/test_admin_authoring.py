"""People who do not use files write and preview modules in the admin."""

import pytest
from django.urls import reverse

from microcred.curriculum.models import ModuleVersion
from microcred.curriculum.services import import_curriculum
from microcred.curriculum.tests.content_tree import write_curriculum
from microcred.testing.course import publish_without_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(tmp_path):
    import_curriculum(path=write_curriculum(tmp_path, modules=1))
    return ModuleVersion.objects.get()


def _form_data(client, url: str) -> dict[str, str]:
    """The admin form as a browser would submit it, read from the page itself."""
    response = client.get(url)
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        prefix = formset.formset.prefix
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{prefix}-{name}"] = management.initial.get(name, management[name].value())
        for index, inline in enumerate(formset.formset.forms):
            for name in inline.fields:
                value = inline[name].value()
                data[f"{prefix}-{index}-{name}"] = "" if value is None else value
    return {key: value for key, value in data.items() if value is not None}


def test_an_admin_edits_a_drafts_german_title_and_the_preview_shows_it(
    client, platform_admin, draft
):
    client.force_login(platform_admin)
    url = reverse("admin:curriculum_moduleversion_change", args=[draft.pk])
    data = _form_data(client, url)
    data["title_de"] = "Modul für Tests"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    draft.refresh_from_db()
    assert draft.title["de"] == "Modul für Tests"
    client.cookies["django_language"] = "de"
    page = client.get(reverse("curriculum:preview_module", args=[draft.pk])).content.decode()
    assert "Modul für Tests" in page


def test_a_published_version_is_read_only_in_the_admin(client, platform_admin, draft):
    publish_without_review(draft)
    client.force_login(platform_admin)
    page = client.get(reverse("admin:curriculum_moduleversion_change", args=[draft.pk]))
    assert 'name="title_en"' not in page.content.decode()
    response = client.post(reverse("admin:curriculum_moduleversion_change", args=[draft.pk]),
                           {"title_en": "Changed"})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.title["en"] != "Changed"


def test_the_completeness_page_lists_missing_translations(client, platform_admin, draft):
    client.force_login(platform_admin)
    page = client.get(reverse("admin:curriculum_completeness")).content.decode()
    assert "M01 v1" in page
    assert "lesson 01-first-steps title" in page


def test_a_browsers_line_breaks_leave_the_untouched_translations_as_they_were(
    client, platform_admin, draft
):
    lesson = draft.lessons.get(slug="01-first-steps")
    lesson.body = {"en": "Open it.\n\nType a word.", "pl": "Otwórz.\n\nWpisz słowo."}
    lesson.save()
    client.force_login(platform_admin)
    url = reverse("admin:curriculum_moduleversion_change", args=[draft.pk])
    data = _form_data(client, url)
    # A browser sends every text box with CR LF line breaks, edited or not.
    data = {key: value.replace("\n", "\r\n") if isinstance(value, str) else value
            for key, value in data.items()}
    english = next(key for key, value in data.items() if value == "Open it.\r\n\r\nType a word.")
    data[english] = "Open the app.\r\n\r\nType a word."
    assert client.post(url, data).status_code == 302
    lesson.refresh_from_db()
    assert lesson.body == {"en": "Open the app.\n\nType a word.", "pl": "Otwórz.\n\nWpisz słowo."}
