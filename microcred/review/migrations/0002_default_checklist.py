"""The Board's starting checklist; the platform admin edits it in the admin afterwards."""

from django.db import migrations

ITEMS = [
    ("factual-accuracy", {
        "en": "Facts are accurate and up to date.",
        "pl": "Informacje są prawdziwe i aktualne.",
        "el": "Τα στοιχεία είναι ακριβή και επίκαιρα.",
        "de": "Die Fakten sind korrekt und aktuell.",
        "es": "Los datos son correctos y están actualizados.",
        "it": "I contenuti sono corretti e aggiornati.",
        "pt": "A informação é correta e atual.",
    }),
    ("relevance", {
        "en": "Relevant to the target group: adults with low or medium digital skills.",
        "pl": "Treść odpowiada potrzebom grupy docelowej: dorosłych o niskich lub średnich "
              "umiejętnościach cyfrowych.",
        "el": "Είναι χρήσιμο για την ομάδα-στόχο: ενήλικες με χαμηλές ή μέτριες ψηφιακές "
              "δεξιότητες.",
        "de": "Relevant für die Zielgruppe: Erwachsene mit geringen oder mittleren digitalen "
              "Kompetenzen.",
        "es": "Es pertinente para el público destinatario: personas adultas con competencias "
              "digitales bajas o medias.",
        "it": "È pertinente per il gruppo destinatario: adulti con competenze digitali basse o "
              "medie.",
        "pt": "É relevante para o público-alvo: adultos com competências digitais baixas ou "
              "médias.",
    }),
    ("evidence-and-sources", {
        "en": "Evidence and sources are cited wherever a claim needs them.",
        "pl": "Podano dowody i źródła wszędzie tam, gdzie stwierdzenia ich wymagają.",
        "el": "Αναφέρονται τεκμήρια και πηγές όπου οι ισχυρισμοί τα χρειάζονται.",
        "de": "Belege und Quellen sind überall angegeben, wo eine Aussage sie braucht.",
        "es": "Se citan pruebas y fuentes siempre que una afirmación lo requiere.",
        "it": "Prove e fonti sono citate ovunque un'affermazione lo richieda.",
        "pt": "São citadas provas e fontes sempre que uma afirmação o exige.",
    }),
    ("level-fits-mapping", {
        "en": "The level fits the module's EQF level and its DigComp competences and "
              "proficiency levels.",
        "pl": "Poziom odpowiada przypisanemu poziomowi ERK (EQF) oraz kompetencjom i poziomom "
              "biegłości DigComp.",
        "el": "Το επίπεδο ταιριάζει με το επίπεδο EQF της ενότητας και με τις ικανότητες και τα "
              "επίπεδα επάρκειας DigComp.",
        "de": "Das Niveau passt zur EQR-Stufe des Moduls und zu seinen DigComp-Kompetenzen und "
              "-Kompetenzstufen.",
        "es": "El nivel corresponde al nivel del MEC (EQF) del módulo y a sus competencias y "
              "niveles de DigComp.",
        "it": "Il livello corrisponde al livello EQF del modulo e alle sue competenze e ai "
              "livelli di padronanza DigComp.",
        "pt": "O nível corresponde ao nível do QEQ (EQF) do módulo e às suas competências e "
              "níveis de proficiência DigComp.",
    }),
    ("plain-language", {
        "en": "Written in plain language: short sentences, technical words explained.",
        "pl": "Napisano prostym językiem: krótkie zdania, wyjaśnione terminy techniczne.",
        "el": "Είναι γραμμένο σε απλή γλώσσα: σύντομες προτάσεις, εξήγηση των τεχνικών όρων.",
        "de": "In einfacher Sprache geschrieben: kurze Sätze, Fachwörter werden erklärt.",
        "es": "Está escrito en lenguaje claro: frases cortas y términos técnicos explicados.",
        "it": "È scritto in linguaggio semplice: frasi brevi, termini tecnici spiegati.",
        "pt": "Está escrito em linguagem clara: frases curtas e termos técnicos explicados.",
    }),
    ("accessible-media", {
        "en": "Media are accessible: images have a text alternative, videos have captions, "
              "audio has a transcript.",
        "pl": "Multimedia są dostępne: obrazy mają tekst alternatywny, filmy napisy, a nagrania "
              "audio transkrypcję.",
        "el": "Τα πολυμέσα είναι προσβάσιμα: οι εικόνες έχουν εναλλακτικό κείμενο, τα βίντεο "
              "υπότιτλους και ο ήχος απομαγνητοφώνηση.",
        "de": "Medien sind barrierefrei: Bilder haben einen Alternativtext, Videos Untertitel, "
              "Audio ein Transkript.",
        "es": "Los recursos multimedia son accesibles: las imágenes tienen texto alternativo, "
              "los vídeos subtítulos y el audio transcripción.",
        "it": "I contenuti multimediali sono accessibili: le immagini hanno un testo "
              "alternativo, i video i sottotitoli, l'audio una trascrizione.",
        "pt": "Os conteúdos multimédia são acessíveis: as imagens têm texto alternativo, os "
              "vídeos legendas e o áudio transcrição.",
    }),
    ("translation-quality", {
        "en": "Translation quality, language by language: each translation is faithful, "
              "complete and reads naturally.",
        "pl": "Jakość tłumaczeń w każdym języku: każde tłumaczenie jest wierne, kompletne i "
              "brzmi naturalnie.",
        "el": "Ποιότητα μετάφρασης ανά γλώσσα: κάθε μετάφραση είναι πιστή, πλήρης και "
              "διαβάζεται φυσικά.",
        "de": "Übersetzungsqualität je Sprache: Jede Übersetzung ist treu, vollständig und liest "
              "sich natürlich.",
        "es": "Calidad de la traducción en cada idioma: cada traducción es fiel, completa y "
              "suena natural.",
        "it": "Qualità della traduzione lingua per lingua: ogni traduzione è fedele, completa e "
              "scorrevole.",
        "pt": "Qualidade da tradução em cada língua: cada tradução é fiel, completa e soa "
              "natural.",
    }),
]


def create_items(apps, schema_editor):
    Item = apps.get_model("review", "ReviewChecklistItem")
    for order, (code, text) in enumerate(ITEMS, start=1):
        Item.objects.get_or_create(code=code, defaults={"text": text, "order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("review", "0001_initial")]
    operations = [migrations.RunPython(create_items, migrations.RunPython.noop)]
