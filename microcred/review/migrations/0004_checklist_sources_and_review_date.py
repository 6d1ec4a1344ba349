"""A checklist point for the lessons' provenance (sources and review date).

Added as its own migration: 0002 has already run on live platforms, and the admin may have edited
the points it created since. An admin who deleted or changed this point keeps their version.
"""

from django.db import migrations

CODE = "sources-and-review-date"
TEXT = {
    "en": (
        "Every lesson names primary sources for its facts, and its facts were checked recently "
        "(the date shown with each lesson)."
    ),
    "pl": (
        "Każda lekcja podaje źródła pierwotne swoich informacji, a informacje sprawdzono "
        "niedawno (data przy każdej lekcji)."
    ),
    "el": (
        "Κάθε μάθημα αναφέρει πρωτογενείς πηγές για τα στοιχεία του, και τα στοιχεία "
        "ελέγχθηκαν πρόσφατα (η ημερομηνία φαίνεται σε κάθε μάθημα)."
    ),
    "de": (
        "Jede Lektion nennt Primärquellen für ihre Fakten, und die Fakten wurden kürzlich "
        "geprüft (das Datum steht bei jeder Lektion)."
    ),
    "es": (
        "Cada lección cita fuentes primarias para sus datos, y los datos se comprobaron hace "
        "poco (la fecha aparece en cada lección)."
    ),
    "it": (
        "Ogni lezione cita fonti primarie per i suoi contenuti, e i contenuti sono stati "
        "verificati di recente (la data è indicata in ogni lezione)."
    ),
    "pt": (
        "Cada lição indica fontes primárias para a sua informação, e a informação foi "
        "verificada recentemente (a data aparece em cada lição)."
    ),
}


def create_item(apps, schema_editor):
    Item = apps.get_model("review", "ReviewChecklistItem")
    # Right after "evidence-and-sources" (order 30) in the default list.
    Item.objects.get_or_create(code=CODE, defaults={"text": TEXT, "order": 35})


def remove_item(apps, schema_editor):
    apps.get_model("review", "ReviewChecklistItem").objects.filter(code=CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("review", "0003_default_feedback_questions")]
    operations = [migrations.RunPython(create_item, remove_item)]
