import pytest
from django.conf import settings
from django.core.management import call_command

from microcred.curriculum.content_files import ContentInvalid
from microcred.curriculum.models import Lesson, Module, ModuleVersion
from microcred.curriculum.services import import_curriculum
from microcred.curriculum.tests.content_tree import write_curriculum

pytestmark = pytest.mark.django_db


def test_the_real_course_imports_all_thirteen_modules():
    report = import_curriculum(path=settings.CURRICULUM_CONTENT_DIR)
    assert len(report.new_versions) == 13
    assert Module.objects.count() == 13
    assert Lesson.objects.filter(version__module__code="M01").count() >= 3
    first = Lesson.objects.filter(version__module__code="M01").order_by("order").first()
    assert first.title["pl"]
    assert first.body_html["pl"].startswith("<")


def test_importing_again_changes_nothing(tmp_path):
    root = write_curriculum(tmp_path)
    import_curriculum(path=root)
    report = import_curriculum(path=root)
    assert report.new_versions == []
    assert ModuleVersion.objects.count() == 2


def test_a_changed_file_makes_a_new_draft_for_that_module_only(tmp_path):
    root = write_curriculum(tmp_path)
    import_curriculum(path=root)
    lesson = root / "02-module-2" / "pl" / "01-first-steps.md"
    lesson.write_text(lesson.read_text().replace("Otwórz", "Uruchom"), encoding="utf-8")
    report = import_curriculum(path=root)
    assert [str(v) for v in report.new_versions] == ["M02 v2"]
    assert ModuleVersion.objects.get(module__code="M01").number == 1


def test_reformatting_a_file_without_changing_its_content_is_not_a_new_version(tmp_path):
    root = write_curriculum(tmp_path)
    import_curriculum(path=root)
    module_yaml = root / "01-module-1" / "module.yaml"
    module_yaml.write_text("# a comment\n" + module_yaml.read_text() + "\n\n", encoding="utf-8")
    assert import_curriculum(path=root).new_versions == []


def test_import_export_import_is_stable(tmp_path):
    root = write_curriculum(tmp_path / "source")
    import_curriculum(path=root)
    call_command("export_curriculum", str(tmp_path / "exported"))
    report = import_curriculum(path=tmp_path / "exported")
    assert report.new_versions == []
    assert sorted(report.unchanged) == ["M01", "M02"]


def test_the_real_course_survives_a_round_trip(tmp_path):
    import_curriculum(path=settings.CURRICULUM_CONTENT_DIR)
    call_command("export_curriculum", str(tmp_path))
    assert import_curriculum(path=tmp_path).new_versions == []


def test_the_command_reports_problems_and_imports_nothing(tmp_path, capsys):
    root = write_curriculum(tmp_path)
    (root / "01-module-1" / "module.yaml").write_text("code: [unclosed\n", encoding="utf-8")
    with pytest.raises(Exception, match="nothing was imported"):
        call_command("import_curriculum", str(root))
    assert "01-module-1/module.yaml, line" in capsys.readouterr().err
    assert Module.objects.count() == 0


def test_one_invalid_module_blocks_the_whole_import(tmp_path):
    root = write_curriculum(tmp_path)
    path = root / "02-module-2" / "module.yaml"
    path.write_text(
        path.read_text().replace('competence: "1.1"', 'competence: "9.9"'), encoding="utf-8"
    )
    with pytest.raises(ContentInvalid):
        import_curriculum(path=root)
    assert Module.objects.count() == 0
    assert ModuleVersion.objects.count() == 0


def test_completeness_report_lists_missing_translations(tmp_path, capsys):
    import_curriculum(path=write_curriculum(tmp_path))
    call_command("curriculum_completeness", "--language", "pl", "--language", "de", "--details")
    output = capsys.readouterr().out
    assert "pl 100% complete" in output
    assert "de   0% missing" in output
    assert "de: lesson 01-first-steps title: missing" in output
