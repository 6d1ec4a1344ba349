"""The pilot's short survey; the platform admin edits the questions in the admin afterwards."""

from django.db import migrations

QUESTIONS = [
    ("clarity", "likert", {
        "en": "The lessons were clear and easy to follow.",
        "pl": "Lekcje były jasne i łatwe do zrozumienia.",
        "el": "Τα μαθήματα ήταν σαφή και εύκολα στην παρακολούθηση.",
        "de": "Die Lektionen waren klar und leicht zu verstehen.",
        "es": "Las lecciones eran claras y fáciles de seguir.",
        "it": "Le lezioni erano chiare e facili da seguire.",
        "pt": "As lições eram claras e fáceis de acompanhar.",
    }),
    ("relevance", "likert", {
        "en": "The topics matter in my everyday life.",
        "pl": "Tematy są ważne w moim codziennym życiu.",
        "el": "Τα θέματα είναι σημαντικά για την καθημερινή μου ζωή.",
        "de": "Die Themen sind für meinen Alltag wichtig.",
        "es": "Los temas son importantes en mi vida diaria.",
        "it": "Gli argomenti sono importanti nella mia vita quotidiana.",
        "pt": "Os temas são importantes no meu dia a dia.",
    }),
    ("difficulty", "likert", {
        "en": "The lessons were difficult for me.",
        "pl": "Lekcje były dla mnie trudne.",
        "el": "Τα μαθήματα ήταν δύσκολα για μένα.",
        "de": "Die Lektionen waren schwierig für mich.",
        "es": "Las lecciones me resultaron difíciles.",
        "it": "Le lezioni sono state difficili per me.",
        "pt": "As lições foram difíceis para mim.",
    }),
    ("usefulness-for-work", "likert", {
        "en": "What I learned will help me at work or in finding a job.",
        "pl": "Zdobyta wiedza pomoże mi w pracy lub w szukaniu pracy.",
        "el": "Όσα έμαθα θα με βοηθήσουν στη δουλειά ή στην αναζήτηση εργασίας.",
        "de": "Was ich gelernt habe, hilft mir bei der Arbeit oder bei der Jobsuche.",
        "es": "Lo que he aprendido me ayudará en el trabajo o a encontrar empleo.",
        "it": "Quello che ho imparato mi aiuterà nel lavoro o nella ricerca di un impiego.",
        "pt": "O que aprendi vai ajudar-me no trabalho ou a encontrar emprego.",
    }),
    ("comments", "text", {
        "en": "Is there anything else you want to tell us? What should we improve?",
        "pl": "Czy chcesz nam jeszcze coś powiedzieć? Co powinniśmy poprawić?",
        "el": "Θέλετε να μας πείτε κάτι άλλο; Τι πρέπει να βελτιώσουμε;",
        "de": "Möchten Sie uns noch etwas sagen? Was sollten wir verbessern?",
        "es": "¿Quieres decirnos algo más? ¿Qué deberíamos mejorar?",
        "it": "Vuoi dirci qualcos'altro? Che cosa dovremmo migliorare?",
        "pt": "Quer dizer-nos mais alguma coisa? O que devemos melhorar?",
    }),
]


def create_questions(apps, schema_editor):
    Question = apps.get_model("review", "SurveyQuestion")
    for order, (code, kind, text) in enumerate(QUESTIONS, start=1):
        Question.objects.get_or_create(
            code=code, defaults={"kind": kind, "text": text, "order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("review", "0002_default_checklist")]
    operations = [migrations.RunPython(create_questions, migrations.RunPython.noop)]
