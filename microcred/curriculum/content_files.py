"""Read and validate the course content files (format: docs/content-format.md).

`read_curriculum` is the one public content reader: a curriculum folder in, every module with
its lessons, outcomes, glossary and item bank out (or ContentInvalid listing every problem).
"""

import re
from pathlib import Path

from django.utils.translation import gettext as _

from microcred.curriculum import course_rule
from microcred.curriculum.content_data import (
    CurriculumData,
    LessonData,
    ModuleData,
    OutcomeData,
)
from microcred.curriculum.content_modules import read_module
from microcred.curriculum.content_reader import (
    ContentError,
    ContentInvalid,
    ContentReader,
    YamlMapping,
)

__all__ = [
    "ContentError",
    "ContentInvalid",
    "CurriculumData",
    "LessonData",
    "ModuleData",
    "OutcomeData",
    "read_curriculum",
]


def read_curriculum(root: Path) -> CurriculumData:
    """Parse and validate a whole curriculum folder; raise ContentInvalid listing every problem."""
    reader = ContentReader(root)
    path = root / "curriculum.yaml"
    data = reader.load_yaml(path)
    if not isinstance(data, YamlMapping):
        if data is not None:
            reader.error(path, 1, _("must be a mapping of keys to values"))
        raise ContentInvalid(reader.errors or [ContentError("curriculum.yaml", None, "empty")])
    code = data.get("code")
    if not isinstance(code, str) or not re.fullmatch(r"[A-Za-z0-9_-]{2,40}", code):
        reader.error(path, data.line_of("code"), _("code must be 2-40 letters, digits or dashes"))
    title = reader.language_map(path, data, "title", required=True, label=_("title"))
    summary = reader.language_map(path, data, "summary", required=True, label=_("summary"))
    credential = data.get("course_credential") or {}
    credential_title = reader.language_map(
        path, credential, "title", required=True, label=_("course credential title")
    )
    folders = data.get("modules")
    if not isinstance(folders, list) or not folders:
        reader.error(path, data.line_of("modules"), _("modules must list the module folders"))
        folders = []
    modules = []
    for folder in folders:
        if not isinstance(folder, str) or not (root / folder).is_dir():
            reader.error(
                path,
                data.line_of("modules"),
                _("module folder %(folder)r does not exist") % {"folder": folder},
            )
            continue
        module = read_module(reader, root / folder)
        if module is not None:
            modules.append(module)
    _check_across_modules(reader, path, modules)
    try:
        rule = course_rule.parse(credential.get("rule"), course_modules=[m.code for m in modules])
    except course_rule.RuleInvalid as problem:
        reader.error(path, credential.line_of("rule") if isinstance(credential, YamlMapping)
                     else None, str(problem))
        rule = course_rule.CourseRule()
    if reader.errors:
        raise ContentInvalid(reader.errors)
    return CurriculumData(
        code=str(code),
        title=title,
        summary=summary,
        course_credential={
            "title": credential_title,
            "rule": rule.as_data(),
        },
        modules=modules,
    )


def _check_across_modules(reader: ContentReader, path: Path, modules: list[ModuleData]) -> None:
    codes = [module.code for module in modules]
    for code in {code for code in codes if codes.count(code) > 1}:
        reader.error(path, None, _("module code %(code)s is used twice") % {"code": code})
    known = set(codes)
    for module in modules:
        for prerequisite in module.prerequisites:
            if prerequisite not in known:
                reader.error(
                    f"{module.folder}/module.yaml",
                    None,
                    _("prerequisite %(code)s is not a module of this course")
                    % {"code": prerequisite},
                )
    lessons = {(m.code, lesson.slug) for m in modules for lesson in m.lessons}
    code_of_folder = {m.folder: m.code for m in modules}
    for path, line, folder, target in reader.links:
        code, slug = target.split("/", 1) if "/" in target else (code_of_folder.get(folder), target)
        if (code, slug) not in lessons:
            reader.error(
                path, line, _("broken internal link to lesson %(target)s") % {"target": target}
            )
