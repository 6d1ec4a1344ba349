"""Translators' round trip through XLIFF 2.0: only what they changed changes, and needs review."""

import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from lxml import etree
from translate.storage.xliff2 import Xliff2File

from microcred.curriculum.content_files import read_curriculum
from microcred.curriculum.tests.translation_copy import (
    FIRST_MODULE,
    copy_first_module,
    first_lesson,
)
from microcred.curriculum.translation_status import read_sidecar
from microcred.curriculum.translation_units import module_units, read_items
from microcred.curriculum.translation_xliff import (
    TranslationImportError,
    export_xliff,
    import_xliff,
)

XLIFF = "urn:oasis:names:tc:xliff:document:2.0"


@pytest.fixture
def root(tmp_path):
    root = copy_first_module(tmp_path)
    # A git repository, so "what changed" is what git sees, not what our own code reports.
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "."], cwd=root, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "c"],
        cwd=root,
        check=True,
    )
    return root


def _changed_files(root):
    out = subprocess.run(
        ["git", "status", "--porcelain"], cwd=root, check=True, capture_output=True, text=True
    ).stdout
    return sorted(line[3:] for line in out.splitlines())


def _diff(root):
    return subprocess.run(
        ["git", "diff", "-U0"], cwd=root, check=True, capture_output=True, text=True
    ).stdout


def _translate(data, **targets):
    store = Xliff2File.parsestring(data)
    for unit in store.getunits():
        if unit.getid() in targets:
            unit.target = targets[unit.getid()]
    return bytes(store)


def test_the_export_is_xliff_2_with_one_unit_per_text_and_its_english_fingerprint(root):
    data = export_xliff(root=root, language="el")

    document = etree.fromstring(data)
    assert document.tag == f"{{{XLIFF}}}xliff"
    assert (document.get("version"), document.get("srcLang"), document.get("trgLang")) == (
        "2.0",
        "en",
        "el",
    )
    units = document.findall(f".//{{{XLIFF}}}unit")
    ids = [unit.get("id") for unit in units]
    assert len(ids) == len(set(ids))
    assert "M01:title:title" in ids
    assert all(unit.get("{urn:microcred:xliff}source") for unit in units)
    title = next(unit for unit in units if unit.get("id") == "M01:title:title")
    assert title.findtext(f".//{{{XLIFF}}}source") == (
        "Devices, accounts and the basics of being online"
    )
    assert title.findtext(f".//{{{XLIFF}}}target") == (
        "Συσκευές, λογαριασμοί και τα πρώτα βήματα στο διαδίκτυο"
    )


def test_round_trip_changes_only_the_edited_unit_and_marks_it_for_review(root):
    lesson = first_lesson(root, "el")
    unit_id = f"lesson.{lesson.stem}"
    exported = export_xliff(root=root, language="el")
    edited = _translate(exported, **{f"M01:{unit_id}:check.feedback": "Νέα εξήγηση."})

    report = import_xliff(root=root, data=edited)

    assert report.changed == [f"M01 {unit_id}"]
    assert _changed_files(root) == [
        f"{FIRST_MODULE}/el/{lesson.name}",
        f"{FIRST_MODULE}/translations.yaml",
    ]
    diff = _diff(root)
    assert '+  feedback: "Νέα εξήγηση."' in diff
    added = [line for line in diff.splitlines() if line.startswith("+") and line[:3] != "+++"]
    assert len(added) == 2  # the feedback line and the unit's line in translations.yaml
    sidecar = read_sidecar(root / FIRST_MODULE)
    assert sidecar["el"][unit_id]["state"] == "needs_review"
    assert sidecar["de"][unit_id]["state"] == "translated"


def test_an_unchanged_file_changes_nothing(root):
    report = import_xliff(root=root, data=export_xliff(root=root, language="de"))

    assert report.changed == []
    assert _changed_files(root) == []


def test_accepted_answers_and_item_texts_are_written_into_the_language_map(root):
    exported = export_xliff(root=root, language="pt")
    edited = _translate(exported, **{"M01:M01-Q02:accepted": "sistema operativo\nSO"})

    import_xliff(root=root, data=edited)

    diff = _diff(root)
    assert '+      pt: ["sistema operativo", "SO"]' in diff
    assert _changed_files(root) == [
        f"{FIRST_MODULE}/items.yaml",
        f"{FIRST_MODULE}/translations.yaml",
    ]


def test_a_file_made_from_an_older_english_text_is_refused_unless_accepted(root):
    exported = export_xliff(root=root, language="el")
    edited = _translate(exported, **{"M01:title:title": "Νέος τίτλος"})
    module_yaml = root / FIRST_MODULE / "module.yaml"
    module_yaml.write_text(
        module_yaml.read_text(encoding="utf-8").replace(
            "Devices, accounts and the basics of being online", "Devices and accounts"
        ),
        encoding="utf-8",
    )

    with pytest.raises(TranslationImportError, match="M01 title"):
        import_xliff(root=root, data=edited)
    assert _changed_files(root) == [f"{FIRST_MODULE}/module.yaml"]  # only our English edit

    report = import_xliff(root=root, data=edited, accept_outdated=True)

    assert report.outdated_accepted == ["M01 title"]
    assert 'el: "Νέος τίτλος"' in module_yaml.read_text(encoding="utf-8")


def test_a_translation_that_breaks_the_content_is_refused_and_nothing_changes(root):
    lesson = first_lesson(root, "it")
    exported = export_xliff(root=root, language="it")
    edited = _translate(exported, **{f"M01:lesson.{lesson.stem}:body": "<script>x</script>"})

    with pytest.raises(TranslationImportError, match="nothing was changed"):
        import_xliff(root=root, data=edited)

    assert _changed_files(root) == []


def test_the_commands_export_and_import_and_refuse_bad_files(root, tmp_path, capsys):
    out = tmp_path / "de.xlf"
    call_command("translation_export", "--language", "de", "-o", str(out), "--content", str(root))
    out.write_bytes(_translate(out.read_bytes(), **{"M01:summary:summary": "Neu."}))

    call_command("translation_import", str(out), "--content", str(root))

    assert "changed: M01 summary" in capsys.readouterr().out
    (tmp_path / "bad.xlf").write_text("not xml", encoding="utf-8")
    with pytest.raises(CommandError, match=r"not an XLIFF 2\.0 file"):
        call_command("translation_import", str(tmp_path / "bad.xlf"), "--content", str(root))
    with pytest.raises(CommandError, match="not a language to translate into"):
        call_command(
            "translation_export", "--language", "en", "-o", str(out), "--content", str(root)
        )


@pytest.mark.django_db
def test_staff_download_a_file_and_upload_it_translated(root, client, platform_admin, settings):
    settings.CURRICULUM_CONTENT_DIR = root
    client.force_login(platform_admin)
    url = reverse("admin:curriculum_translations")

    page = client.get(url)
    download = client.get(url, {"language": "es", "module": ""})
    edited = _translate(download.content, **{"M01:summary:summary": "Un resumen nuevo."})
    upload = client.post(url, {"file": SimpleUploadedFile("M01-es.xlf", edited)}, follow=True)

    assert page.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="course-es.xlf"'
    assert "1 unit(s) changed" in upload.content.decode()
    assert 'es: "Un resumen nuevo."' in _diff(root)


@pytest.mark.django_db
def test_staff_uploading_a_wrong_file_see_why_and_nothing_changes(
    root, client, platform_admin, settings
):
    settings.CURRICULUM_CONTENT_DIR = root
    client.force_login(platform_admin)
    url = reverse("admin:curriculum_translations")

    response = client.post(url, {"file": SimpleUploadedFile("x.xlf", b"<html>not xliff</html>")})

    assert response.status_code == 400
    assert "This is not an XLIFF 2.0 file" in response.content.decode()
    assert _changed_files(root) == []


@pytest.mark.django_db
def test_learners_cannot_reach_the_translation_files(root, client, learner, settings):
    settings.CURRICULUM_CONTENT_DIR = root
    client.force_login(learner)

    response = client.get(reverse("admin:curriculum_translations"), {"language": "el"})

    assert response.status_code == 302
    assert "login" in response.url


def test_every_text_of_a_module_can_be_changed_and_reads_back_as_written(root):
    store = Xliff2File.parsestring(export_xliff(root=root, language="pt"))
    expected = {}
    for unit in store.getunits():
        if not unit.target:
            continue
        if unit.getid().endswith((":accepted", ":expected")):
            unit.target = f"{unit.target}\nnova resposta"
        else:  # quotes, colons and a paragraph: what YAML and Markdown make hard
            unit.target = f'{unit.target}\n\nNova frase com "aspas" e: dois pontos.'
        expected[unit.getid()] = str(unit.target)

    report = import_xliff(root=root, data=bytes(store))

    module = read_curriculum(root).modules[0]
    written = {
        f"M01:{unit.id}:{field_path}": unit.text(field_path, "pt")
        for unit in module_units(module, read_items(root / FIRST_MODULE))
        for field_path in unit.fields
    }
    for xliff_id, text in expected.items():
        if xliff_id.endswith((":accepted", ":expected")):
            assert written[xliff_id] == text.split("\n"), xliff_id
        elif xliff_id.endswith(":body"):
            assert written[xliff_id] == text.strip(), xliff_id
        else:  # a one-line YAML value keeps its paragraph break
            assert written[xliff_id] == text, xliff_id
    assert len(report.changed) == len({xliff_id.split(":")[1] for xliff_id in expected})


def test_a_file_whose_tool_dropped_the_fingerprints_is_refused_with_the_reason(root):
    exported = export_xliff(root=root, language="el").replace(b' mc:source="', b' mc:gone="')
    edited = _translate(exported, **{"M01:title:title": "Νέος τίτλος"})

    with pytest.raises(TranslationImportError, match="lost the English fingerprints"):
        import_xliff(root=root, data=edited)
    assert _changed_files(root) == []
