"""Read the dashboard's tables as a person would: by caption, row heading and column heading."""

import re

CELL = re.compile(r"<t([hd])[^>]*>(.*?)</t[hd]>", re.S)
LABELS = {
    "Learners enrolled": "enrolled",
    "Learners in the target group": "target_group",
    "Active in the last 30 days": "active",
    "Modules completed": "modules_completed",
    "Module tests taken": "assessments_taken",
    "Module tests passed": "assessments_passed",
    "Learners assessed": "learners_assessed",
    "Micro-credentials issued": "credentials_issued",
    "Micro-credentials revoked": "credentials_revoked",
    "Full-course credentials": "course_credentials",
    "Learners certified": "learners_certified",
}


def table(page: str, caption_id: str) -> list[list[str]]:
    """The rows of the table whose caption has this id, as lists of text cells."""
    body = page.split(f'<caption id="{caption_id}">')[1].split("</table>")[0]
    return [
        [re.sub(r"<.*?>", "", cell).strip() for _kind, cell in CELL.findall(row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def key_figures(page: str) -> dict[str, int]:
    """{kpi: count} from the key figures table."""
    return {LABELS[row[0]]: int(row[1]) for row in table(page, "key-figures-caption")[1:]}


def breakdown(page: str, anchor: str) -> dict[str, dict[str, int]]:
    """{row heading: {kpi: count}} from one breakdown table (partner, employment...)."""
    header, *rows = table(page, f"{anchor}-caption")
    keys = [LABELS[heading] for heading in header[1:]]
    return {row[0]: dict(zip(keys, map(int, row[1:]), strict=True)) for row in rows}


def months(page: str) -> dict[str, dict[str, int]]:
    """{YYYY-MM: {kpi or "enrolled_so_far"/"certified_so_far": count}}."""
    header, *rows = table(page, "month-table-caption")
    keys = ["enrolled_so_far", "certified_so_far", *(LABELS[h] for h in header[3:])]
    return {row[0]: dict(zip(keys, map(int, row[1:]), strict=True)) for row in rows}
