# ruff: noqa: E501  (phrase tables: one language per entry reads better than wrapped strings)
"""Writes the linking test set: invented events, each reported by several short articles in different languages.

Run from the repository root: `python evals/linking/make_set.py`. It writes
  evals/linking/docs/NAME.txt   the articles (Latin, Cyrillic, CJK, Arabic and katakana scripts)
  evals/linking/gold/NAME.json  each article's record in the contract's shape: what THAT article states,
                                so a source that omits the chair, is a day off, misspells a name or rounds
                                a figure has a gold record that does the same
  evals/linking/groups.json     which articles report which event (distractors included)

Everything is invented: people, meetings, local figures. Provinces are real; cited central documents are
well-known real codes. The articles are written from the facts below through one short template per
language, so every source's wording of a fact is known exactly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent

# --------------------------------------------------------------------------- scripts

PROVINCES = {  # Latin: ru, zh, ar, ja
    "Nghe An": ("Нгеан", "乂安", "نغي آن", "ゲアン"),
    "Thanh Hoa": ("Тханьхоа", "清化", "ثانه هوا", "タインホア"),
    "Quang Ninh": ("Куангнинь", "广宁", "كوانغ نينه", "クアンニン"),
    "Ha Tinh": ("Хатинь", "河静", "ها تينه", "ハティン"),
    "Bac Ninh": ("Бакнинь", "北宁", "باك نينه", "バクニン"),
    "Can Tho": ("Кантхо", "芹苴", "كان ثو", "カントー"),
    "Ha Long": ("Халонг", "下龙", "ها لونغ", "ハロン"),
    "Loc Ha": ("Локха", "禄河", "لوك ها", "ロックハー"),
}
PEOPLE = {  # Latin with diacritics: ru, zh, ar, ja
    "Nguyen Duc Trung": ("Nguyễn Đức Trung", "Нгуен Дык Чунг", "阮德忠", "نغوين دوك ترونغ", "グエン・ドゥック・チュン"),
    "Tran Van Thanh": ("Trần Văn Thành", "Чан Ван Тхань", "陈文成", "تران فان ثانه", "チャン・ヴァン・タイン"),
    "Le Minh Hung": ("Lê Minh Hùng", "Ле Минь Хунг", "黎明雄", "لي مينه هونغ", "レー・ミン・フン"),
    "Pham Thi Phuong": ("Phạm Thị Phương", "Фам Тхи Фыонг", "范氏芳", "فام ثي فونغ", "ファム・ティ・フオン"),
    "Hoang Quang Hai": ("Hoàng Quang Hải", "Хоанг Куанг Хай", "黄光海", "هوانغ كوانغ هاي", "ホアン・クアン・ハイ"),
    "Vu Xuan Nam": ("Vũ Xuân Nam", "Ву Суан Нам", "武春南", "فو شوان نام", "ヴー・スアン・ナム"),
    "Dang Ngoc Lan": ("Đặng Ngọc Lan", "Данг Нгок Лан", "邓玉兰", "دانغ نغوك لان", "ダン・ゴック・ラン"),
    "Bui Huu Dung": ("Bùi Hữu Dũng", "Буй Хыу Зунг", "裴有勇", "بوي هوو زونغ", "ブイ・フー・ズン"),
    "Do Quoc Cuong": ("Đỗ Quốc Cường", "До Куок Кыонг", "杜国强", "دو كوك كوونغ", "ドー・クオック・クオン"),
    "Ngo Thanh Son": ("Ngô Thanh Sơn", "Нго Тхань Шон", "吴清山", "نغو ثانه سون", "ゴー・タイン・ソン"),
    "Duong Van Binh": ("Dương Văn Bình", "Зыонг Ван Бинь", "杨文平", "زوونغ فان بينه", "ズオン・ヴァン・ビン"),
    "Dinh Duc Tuan": ("Đinh Đức Tuấn", "Динь Дык Туан", "丁德俊", "دينه دوك توان", "ディン・ドゥック・トゥアン"),
    "Ha Thi Huong": ("Hà Thị Hương", "Ха Тхи Хыонг", "何氏香", "ها ثي هوونغ", "ハー・ティ・フオン"),
    "Phan Minh Trung": ("Phan Minh Trung", "Фан Минь Чунг", "潘明忠", "فان مينه ترونغ", "ファン・ミン・チュン"),
    "Lam Van Dat": ("Lâm Văn Đạt", "Лам Ван Дат", "林文达", "لام فان دات", "ラム・ヴァン・ダット"),
    "Ho Xuan Thanh": ("Hồ Xuân Thành", "Хо Суан Тхань", "胡春成", "هو شوان ثانه", "ホー・スアン・タイン"),
    "Tran Van An": ("Trần Văn An", "Чан Ван Ан", "陈文安", "تران فان آن", "チャン・ヴァン・アン"),
}
SCRIPT_INDEX = {"ru": 1, "zh": 2, "ar": 3, "ja": 4}

# --------------------------------------------------------------------------- phrases per language

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
    "ar": ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
}


def date_text(lang: str, year: int, month: int, day: int) -> str:
    if lang in ("zh", "ja"):
        return f"{year}年{month}月{day}日"
    if lang == "en":
        return f"{day} {MONTHS[lang][month - 1]} {year}"
    if lang == "de":
        return f"{day}. {MONTHS[lang][month - 1]} {year}"
    if lang in ("fr", "es"):
        return f"{day} {'de ' if lang == 'es' else ''}{MONTHS[lang][month - 1]}{' de' if lang == 'es' else ''} {year}"
    return f"{day} {MONTHS[lang][month - 1]} {year}"


ORGANIZERS = {  # kind -> (English name pattern, level, {lang: pattern}); {p} province, {l} locality
    "province": ("{p} Provincial Party Committee", "provincial", {
        "en": "the {p} Provincial Party Committee", "fr": "le Comité provincial du Parti de {p}",
        "de": "das Parteikomitee der Provinz {p}", "es": "el Comité Provincial del Partido de {p}",
        "ru": "провинциальный комитет партии {p}", "zh": "{p}省委", "ar": "لجنة الحزب في مقاطعة {p}",
        "ja": "{p}省党委員会"}),
    "inspection": ("{p} Provincial Party Inspection Commission", "provincial", {
        "en": "the {p} Provincial Party Inspection Commission", "fr": "la Commission d'inspection du Parti de {p}",
        "de": "die Inspektionskommission des Parteikomitees der Provinz {p}",
        "es": "la Comisión de Inspección del Partido de la provincia de {p}",
        "ru": "инспекционная комиссия провинциального комитета партии {p}", "zh": "{p}省纪委",
        "ar": "لجنة التفتيش التابعة للحزب في مقاطعة {p}", "ja": "{p}省党検査委員会"}),
    "organization": ("Organization Commission of the {p} Provincial Party Committee", "provincial", {
        "en": "the Organization Commission of the {p} Provincial Party Committee",
        "fr": "la Commission d'organisation du Comité provincial du Parti de {p}",
        "de": "die Organisationskommission des Parteikomitees der Provinz {p}",
        "es": "la Comisión de Organización del Comité Provincial del Partido de {p}",
        "ru": "организационная комиссия провинциального комитета партии {p}", "zh": "{p}省委组织部",
        "ar": "لجنة التنظيم التابعة للجنة الحزب في مقاطعة {p}", "ja": "{p}省党委員会組織委員会"}),
    "city": ("{l} City Party Committee", "city", {
        "en": "the {l} City Party Committee", "fr": "le Comité du Parti de la ville de {l}",
        "de": "das Parteikomitee der Stadt {l}", "es": "el Comité del Partido de la ciudad de {l}",
        "ru": "городской комитет партии {l}", "zh": "{l}市委", "ar": "لجنة الحزب في مدينة {l}",
        "ja": "{l}市党委員会"}),
    "district": ("{l} District Party Committee", "district", {
        "en": "the {l} District Party Committee", "fr": "le Comité du Parti du district de {l}",
        "de": "das Parteikomitee des Kreises {l}", "es": "el Comité del Partido del distrito de {l}",
        "ru": "уездный комитет партии {l}", "zh": "{l}县委", "ar": "لجنة الحزب في مديرية {l}",
        "ja": "{l}県党委員会"}),
    "bloc": ("Party Committee of the {p} Provincial Agencies Bloc", "agency_bloc", {
        "en": "the Party Committee of the {p} Provincial Agencies Bloc",
        "fr": "le Comité du Parti du bloc des organes provinciaux de {p}",
        "de": "das Parteikomitee des Blocks der Provinzbehörden von {p}",
        "es": "el Comité del Partido del Bloque de Organismos Provinciales de {p}",
        "ru": "партийный комитет блока провинциальных органов {p}", "zh": "{p}省直属机关党委",
        "ar": "لجنة الحزب لكتلة الهيئات الإقليمية في {p}", "ja": "{p}省機関ブロック党委員会"}),
}
TITLES = {  # key -> (English, {lang: text}); {p} province, {l} locality
    "secretary": ("Secretary of the Provincial Party Committee", {
        "en": "Secretary of the Provincial Party Committee", "fr": "secrétaire du Comité provincial du Parti",
        "de": "Sekretär des Provinzparteikomitees", "es": "secretario del Comité Provincial del Partido",
        "ru": "секретарь провинциального комитета партии", "zh": "省委书记", "ar": "أمين لجنة الحزب في المقاطعة",
        "ja": "省党委員会書記"}),
    "deputy": ("Deputy Secretary of the Provincial Party Committee", {
        "en": "Deputy Secretary of the Provincial Party Committee",
        "fr": "secrétaire adjoint du Comité provincial du Parti", "de": "stellvertretender Sekretär des Provinzparteikomitees",
        "es": "vicesecretario del Comité Provincial del Partido", "ru": "заместитель секретаря провинциального комитета партии",
        "zh": "省委副书记", "ar": "نائب أمين لجنة الحزب في المقاطعة", "ja": "省党委員会副書記"}),
    "inspector": ("Chairman of the Provincial Party Inspection Commission", {
        "en": "Chairman of the Provincial Party Inspection Commission",
        "fr": "président de la Commission d'inspection provinciale", "de": "Vorsitzender der Inspektionskommission",
        "es": "presidente de la Comisión de Inspección provincial", "ru": "председатель инспекционной комиссии",
        "zh": "省纪委主任", "ar": "رئيس لجنة التفتيش", "ja": "省党検査委員会委員長"}),
    "organizer": ("Head of the Organization Commission of the Provincial Party Committee", {
        "en": "Head of the Organization Commission of the Provincial Party Committee",
        "fr": "chef de la Commission d'organisation", "de": "Leiter der Organisationskommission",
        "es": "jefe de la Comisión de Organización", "ru": "заведующий организационной комиссией",
        "zh": "省委组织部部长", "ar": "رئيس لجنة التنظيم", "ja": "組織委員会委員長"}),
    "city_secretary": ("Secretary of the City Party Committee", {
        "en": "Secretary of the City Party Committee", "fr": "secrétaire du Comité du Parti de la ville",
        "de": "Sekretär des Stadtparteikomitees", "es": "secretario del Comité del Partido de la ciudad",
        "ru": "секретарь городского комитета партии", "zh": "市委书记", "ar": "أمين لجنة الحزب في المدينة",
        "ja": "市党委員会書記"}),
    "district_secretary": ("Secretary of the District Party Committee", {
        "en": "Secretary of the District Party Committee", "fr": "secrétaire du Comité du Parti du district",
        "de": "Sekretär des Kreisparteikomitees", "es": "secretario del Comité del Partido del distrito",
        "ru": "секретарь уездного комитета партии", "zh": "县委书记", "ar": "أمين لجنة الحزب في المديرية",
        "ja": "県党委員会書記"}),
    "vice_chairman": ("Vice Chairman of the Provincial People's Committee", {
        "en": "Vice Chairman of the Provincial People's Committee",
        "fr": "vice-président du Comité populaire provincial", "de": "stellvertretender Vorsitzender des Volkskomitees der Provinz",
        "es": "vicepresidente del Comité Popular provincial", "ru": "заместитель председателя народного комитета провинции",
        "zh": "省人民委员会副主席", "ar": "نائب رئيس اللجنة الشعبية للمقاطعة", "ja": "省人民委員会副委員長"}),
    "bloc_secretary": ("Secretary of the Party Committee of the Provincial Agencies Bloc", {
        "en": "Secretary of the Party Committee of the Provincial Agencies Bloc",
        "fr": "secrétaire du Comité du Parti du bloc des organes", "de": "Sekretär des Parteikomitees des Behördenblocks",
        "es": "secretario del Comité del Partido del Bloque", "ru": "секретарь партийного комитета блока органов",
        "zh": "省直属机关党委书记", "ar": "أمين لجنة الحزب لكتلة الهيئات", "ja": "機関ブロック党委員会書記"}),
}
TOPICS = {  # key -> (English purpose, {lang: phrase})
    "congress": ("Review the preparation of Party congresses at all levels under Directive 35-CT/TW", {
        "en": "to review preparations for Party congresses at all levels under Directive No. 35-CT/TW of the Politburo",
        "fr": "pour examiner la préparation des congrès du Parti à tous les échelons selon la directive n° 35-CT/TW du Politburo",
        "de": "um die Vorbereitung der Parteitage aller Ebenen gemäß der Direktive Nr. 35-CT/TW des Politbüros zu prüfen",
        "es": "para revisar la preparación de los congresos del Partido según la Directiva n.º 35-CT/TW del Buró Político",
        "ru": "для обсуждения подготовки партийных съездов всех уровней согласно директиве № 35-CT/TW Политбюро",
        "zh": "审议落实政治局第35-CT/TW号指示、筹备各级党代会工作", "ar": "لمراجعة التحضير لمؤتمرات الحزب وفق التوجيه رقم 35-CT/TW الصادر عن المكتب السياسي",
        "ja": "政治局指示第35-CT/TW号に基づく各級党大会の準備を検討するため"}),
    "inspection": ("Review inspection and supervision work under Regulation 22-QD/TW", {
        "en": "to review inspection and supervision work under Regulation No. 22-QD/TW",
        "fr": "pour faire le point sur le travail d'inspection selon le règlement n° 22-QD/TW",
        "de": "um die Inspektions- und Kontrollarbeit gemäß der Regelung Nr. 22-QD/TW zu bewerten",
        "es": "para evaluar el trabajo de inspección según el Reglamento n.º 22-QD/TW",
        "ru": "для подведения итогов инспекционной работы согласно положению № 22-QD/TW",
        "zh": "总结第22-QD/TW号规定的检查监督工作", "ar": "لمراجعة أعمال التفتيش والرقابة وفق اللائحة رقم 22-QD/TW",
        "ja": "規定第22-QD/TW号に基づく検査・監督活動を総括するため"}),
    "merger": ("Discuss the reorganization of commune-level administrative units under Resolution 60-NQ/TW", {
        "en": "to discuss the merger of commune-level units under Resolution No. 60-NQ/TW",
        "fr": "pour discuter de la fusion des communes selon la résolution n° 60-NQ/TW",
        "de": "um die Zusammenlegung der Gemeinden gemäß der Resolution Nr. 60-NQ/TW zu beraten",
        "es": "para debatir la fusión de las comunas según la Resolución n.º 60-NQ/TW",
        "ru": "для обсуждения объединения общин согласно резолюции № 60-NQ/TW",
        "zh": "讨论落实第60-NQ/TW号决议、合并乡级行政单位", "ar": "لمناقشة دمج الوحدات الإدارية على مستوى البلديات وفق القرار رقم 60-NQ/TW",
        "ja": "決議第60-NQ/TW号に基づく社級行政単位の統合を協議するため"}),
    "science": ("Implement Resolution 57-NQ/TW on science, technology, innovation and digital transformation", {
        "en": "to implement Resolution No. 57-NQ/TW on science, technology and digital transformation",
        "fr": "pour mettre en œuvre la résolution n° 57-NQ/TW sur la science, la technologie et la transformation numérique",
        "de": "um die Resolution Nr. 57-NQ/TW über Wissenschaft, Technologie und digitale Transformation umzusetzen",
        "es": "para aplicar la Resolución n.º 57-NQ/TW sobre ciencia, tecnología y transformación digital",
        "ru": "для реализации резолюции № 57-NQ/TW о науке, технологиях и цифровой трансформации",
        "zh": "贯彻落实关于科技创新和数字化转型的第57-NQ/TW号决议", "ar": "لتنفيذ القرار رقم 57-NQ/TW بشأن العلوم والتكنولوجيا والتحول الرقمي",
        "ja": "科学技術とデジタル変革に関する決議第57-NQ/TW号を実施するため"}),
    "cantho": ("Review three years of implementing Resolution 45-NQ/TW on building and developing Can Tho", {
        "en": "to review three years of implementing Resolution No. 45-NQ/TW on the development of Can Tho",
        "fr": "pour dresser le bilan de trois ans d'application de la résolution n° 45-NQ/TW sur le développement de Can Tho",
        "de": "um drei Jahre Umsetzung der Resolution Nr. 45-NQ/TW über die Entwicklung von Can Tho zu bilanzieren",
        "es": "para evaluar tres años de aplicación de la Resolución n.º 45-NQ/TW sobre el desarrollo de Can Tho",
        "ru": "для подведения трёхлетних итогов выполнения резолюции № 45-NQ/TW о развитии Кантхо",
        "zh": "总结落实关于芹苴市发展的第45-NQ/TW号决议三年情况", "ar": "لمراجعة ثلاث سنوات من تنفيذ القرار رقم 45-NQ/TW بشأن تنمية كان ثو",
        "ja": "カントー発展に関する決議第45-NQ/TW号の実施3年を総括するため"}),
}
FIGURES = {  # kind -> (English unit, English description, {lang: "{v} ..."})
    "orgs": ("organizations", "grassroots Party organizations that have held their congresses", {
        "en": "{v} grassroots Party organizations have held their congresses", "fr": "{v} organisations de base ont tenu leur congrès",
        "de": "{v} Basisorganisationen haben ihre Parteitage abgehalten", "es": "{v} organizaciones de base celebraron su congreso",
        "ru": "{v} первичных парторганизаций провели съезды", "zh": "已有{v}个基层党组织召开党代会",
        "ar": "عقدت {v} منظمة حزبية قاعدية مؤتمراتها", "ja": "{v}の基層党組織が大会を開催した"}),
    "pct": ("%", "share of the year's plan completed", {
        "en": "{v}% of the year's plan has been completed", "fr": "{v} % du plan annuel a été réalisé",
        "de": "{v} Prozent des Jahresplans sind erfüllt", "es": "se ha cumplido el {v} % del plan anual",
        "ru": "план года выполнен на {v}%", "zh": "全年计划完成{v}%", "ar": "تم إنجاز {v}% من خطة العام",
        "ja": "年間計画の{v}%を達成した"}),
    "members": ("Party members", "Party members in the province", {
        "en": "the province has {v} Party members", "fr": "la province compte {v} membres du Parti",
        "de": "die Provinz zählt {v} Parteimitglieder", "es": "la provincia cuenta con {v} militantes",
        "ru": "в провинции насчитывается {v} членов партии", "zh": "全省共有党员{v}名",
        "ar": "يبلغ عدد أعضاء الحزب في المقاطعة {v} عضوا", "ja": "省内の党員は{v}人である"}),
    "communes": ("communes", "communes after the merger", {
        "en": "the number of communes will fall to {v}", "fr": "le nombre de communes passera à {v}",
        "de": "die Zahl der Gemeinden sinkt auf {v}", "es": "el número de comunas se reducirá a {v}",
        "ru": "число общин сократится до {v}", "zh": "乡级单位将减少至{v}个", "ar": "سينخفض عدد البلديات إلى {v}",
        "ja": "社の数は{v}に減る"}),
    "cases": ("cases", "Party members and organizations inspected", {
        "en": "{v} cases were inspected", "fr": "{v} cas ont été inspectés", "de": "{v} Fälle wurden geprüft",
        "es": "se inspeccionaron {v} casos", "ru": "проверено {v} случаев", "zh": "检查了{v}起案件",
        "ar": "تم فحص {v} حالة", "ja": "{v}件が検査された"}),
    "projects": ("projects", "science and technology projects approved", {
        "en": "{v} science and technology projects were approved", "fr": "{v} projets scientifiques ont été approuvés",
        "de": "{v} Wissenschaftsprojekte wurden genehmigt", "es": "se aprobaron {v} proyectos científicos",
        "ru": "одобрено {v} научных проектов", "zh": "批准了{v}个科技项目", "ar": "تمت الموافقة على {v} مشروعا علميا",
        "ja": "{v}件の科学技術プロジェクトが承認された"}),
    "growth": ("%", "economic growth rate", {
        "en": "economic growth reached {v}%", "fr": "la croissance économique a atteint {v} %",
        "de": "das Wirtschaftswachstum erreichte {v} Prozent", "es": "el crecimiento económico alcanzó el {v} %",
        "ru": "экономический рост составил {v}%", "zh": "经济增长率达到{v}%", "ar": "بلغ النمو الاقتصادي {v}%",
        "ja": "経済成長率は{v}%に達した"}),
}
SENTENCES = {  # lang -> (opening, chair, participants, figures, closing)
    "en": ("On {date}, {org} held a conference {topic}.", "{name}, {title}, chaired the conference.",
           "Attending were {people}.", "According to the report, {figs}.", "The conference set out tasks for the coming months."),
    "fr": ("Le {date}, {org} a tenu une conférence {topic}.", "{name}, {title}, a présidé la conférence.",
           "Étaient présents {people}.", "Selon le rapport, {figs}.", "La conférence a fixé les tâches des prochains mois."),
    "de": ("Am {date} hielt {org} eine Konferenz ab, {topic}.", "Den Vorsitz führte {name}, {title}.",
           "Anwesend waren {people}.", "Laut dem Bericht {figs}.", "Die Konferenz legte die Aufgaben der kommenden Monate fest."),
    "es": ("El {date}, {org} celebró una conferencia {topic}.", "{name}, {title}, presidió la conferencia.",
           "Asistieron {people}.", "Según el informe, {figs}.", "La conferencia fijó las tareas de los próximos meses."),
    "ru": ("{date} {org} провёл конференцию {topic}.", "Конференцию возглавил {name}, {title}.",
           "В работе приняли участие {people}.", "Согласно докладу, {figs}.", "Конференция определила задачи на ближайшие месяцы."),
    "zh": ("{date}，{org}召开会议，{topic}。", "{title}{name}主持会议。", "{people}出席会议。", "报告显示，{figs}。",
           "会议部署了下一阶段的重点任务。"),
    "ar": ("في {date}، عقدت {org} مؤتمرا {topic}.", "ترأس المؤتمر {name}، {title}.", "وحضر المؤتمر {people}.",
           "ووفقا للتقرير، {figs}.", "وحدد المؤتمر المهام للأشهر المقبلة."),
    "ja": ("{date}、{org}は{topic}会議を開いた。", "{title}の{name}氏が会議を主宰した。", "{people}が出席した。",
           "報告によると、{figs}。", "会議は今後数か月の任務を定めた。"),
}
JOIN = {"en": " and ", "fr": " et ", "de": " und ", "es": " y ", "ru": " и ", "zh": "、", "ar": " و", "ja": "、"}
FIG_JOIN = {"en": "; ", "fr": " ; ", "de": "; ", "es": "; ", "ru": "; ", "zh": "，", "ar": "، و", "ja": "。また、"}
LATIN_DIACRITICS = {"fr", "es"}  # these sources print names with Vietnamese diacritics


# --------------------------------------------------------------------------- events


@dataclass(frozen=True)
class Event:
    id: str
    province: str
    date: tuple[int, int, int]
    organizer: str
    topic: str
    document: tuple[str, str, str]  # kind, number, issuer
    chair: tuple[str, str]  # name, title key
    participants: tuple[tuple[str, str], ...]
    figures: tuple[tuple[str, float], ...]
    locality: str | None = None
    part_of_day: str | None = None


@dataclass(frozen=True)
class Article:
    """One source of an event, and how it departs from the facts."""

    event: str
    lang: str
    omit_chair: bool = False
    omit_participants: bool = False
    day_shift: int = 0
    spelled: dict[str, str] = field(default_factory=dict)  # true name -> how this source spells it (Latin)
    rounded: dict[float, float] = field(default_factory=dict)
    omit_figures: bool = False


EVENTS = [
    Event("nghe-an-congress", "Nghe An", (2025, 3, 14), "province", "congress", ("directive", "35-CT/TW", "Politburo"),
          ("Nguyen Duc Trung", "secretary"), (("Tran Van Thanh", "deputy"),), (("orgs", 412), ("pct", 98.5))),
    Event("nghe-an-inspection", "Nghe An", (2025, 3, 14), "inspection", "inspection",
          ("regulation", "22-QD/TW", "Central Committee"), ("Le Minh Hung", "inspector"), (), (("cases", 37),)),
    Event("thanh-hoa-merger", "Thanh Hoa", (2025, 4, 2), "province", "merger", ("resolution", "60-NQ/TW", "Central Committee"),
          ("Pham Thi Phuong", "deputy"), (("Hoang Quang Hai", "vice_chairman"),), (("communes", 166),)),
    Event("quang-ninh-personnel", "Quang Ninh", (2025, 5, 20), "organization", "congress",
          ("directive", "35-CT/TW", "Politburo"), ("Vu Xuan Nam", "organizer"), (("Dang Ngoc Lan", "deputy"),),
          (("members", 36403), ("orgs", 120))),
    Event("ha-long-science", "Quang Ninh", (2025, 5, 20), "city", "science", ("resolution", "57-NQ/TW", "Politburo"),
          ("Bui Huu Dung", "city_secretary"), (), (("projects", 1286),), locality="Ha Long"),
    Event("ha-tinh-science", "Ha Tinh", (2025, 6, 10), "province", "science", ("resolution", "57-NQ/TW", "Politburo"),
          ("Do Quoc Cuong", "secretary"), (("Ngo Thanh Son", "deputy"), ("Duong Van Binh", "vice_chairman")),
          (("projects", 45), ("pct", 72))),
    Event("loc-ha-science", "Ha Tinh", (2025, 6, 10), "district", "science", ("resolution", "57-NQ/TW", "Politburo"),
          ("Tran Van An", "district_secretary"), (), (("projects", 45),), locality="Loc Ha", part_of_day="afternoon"),
    Event("bac-ninh-science", "Bac Ninh", (2025, 7, 8), "province", "science", ("resolution", "57-NQ/TW", "Politburo"),
          ("Dinh Duc Tuan", "secretary"), (("Ha Thi Huong", "deputy"),), (("pct", 86), ("projects", 1500))),
    Event("bac-ninh-bloc", "Bac Ninh", (2025, 7, 8), "bloc", "congress", ("directive", "35-CT/TW", "Politburo"),
          ("Phan Minh Trung", "bloc_secretary"), (), (("orgs", 64),)),
    Event("can-tho-resolution", "Can Tho", (2025, 8, 22), "city", "cantho", ("resolution", "45-NQ/TW", "Politburo"),
          ("Lam Van Dat", "city_secretary"), (("Ho Xuan Thanh", "vice_chairman"),), (("growth", 8.5), ("members", 62350)),
          locality="Can Tho"),
]  # fmt: skip

ARTICLES = [
    Article("nghe-an-congress", "en"),
    Article("nghe-an-congress", "ru", rounded={98.5: 99}),
    Article("nghe-an-congress", "zh", omit_participants=True),
    Article("nghe-an-congress", "fr", day_shift=1),
    Article("nghe-an-inspection", "en"),
    Article("nghe-an-inspection", "de"),
    Article("thanh-hoa-merger", "de"),
    Article("thanh-hoa-merger", "ar"),
    Article("thanh-hoa-merger", "ja", omit_chair=True),
    Article("thanh-hoa-merger", "es", spelled={"Pham Thi Phuong": "Pham Thi Phuang"}),
    Article("quang-ninh-personnel", "en", rounded={36403: 36400}),
    Article("quang-ninh-personnel", "ru"),
    Article("quang-ninh-personnel", "zh", rounded={36403: 36000}),
    Article("ha-long-science", "fr"),
    Article("ha-long-science", "ar", rounded={1286: 1300}),
    Article("ha-tinh-science", "es"),
    Article("ha-tinh-science", "ru", omit_chair=True),
    Article("ha-tinh-science", "ja"),
    Article("ha-tinh-science", "en", spelled={"Duong Van Binh": "Duong Van Bin"}),
    Article("ha-tinh-science", "ar", omit_figures=True),
    Article("loc-ha-science", "de"),
    Article("loc-ha-science", "ru"),
    Article("loc-ha-science", "ja", day_shift=-1),
    Article("bac-ninh-science", "zh"),
    Article("bac-ninh-science", "de"),
    Article("bac-ninh-science", "fr", omit_participants=True),
    Article("bac-ninh-bloc", "ru"),
    Article("bac-ninh-bloc", "en"),
    Article("can-tho-resolution", "en"),
    Article("can-tho-resolution", "ar"),
    Article("can-tho-resolution", "es", day_shift=1, rounded={62350: 62000}),
    Article("can-tho-resolution", "zh", omit_chair=True),
]


# --------------------------------------------------------------------------- writing


def place(lang: str, name: str) -> str:
    return PROVINCES[name][SCRIPT_INDEX[lang] - 1] if name and lang in SCRIPT_INDEX else name


def person(lang: str, name: str, spelled: dict[str, str]) -> str:
    if name in spelled:
        return spelled[name]
    if lang in SCRIPT_INDEX:
        return PEOPLE[name][SCRIPT_INDEX[lang]]
    return PEOPLE[name][0] if lang in LATIN_DIACRITICS else name


def number(lang: str, value: float) -> str:
    if value != int(value):
        return str(value).replace(".", ",") if lang in ("fr", "de", "es", "ru") else str(value)
    text = f"{int(value):,}"
    return {"fr": text.replace(",", " "), "ru": text.replace(",", " "), "de": text.replace(",", "."),
            "es": text.replace(",", ".")}.get(lang, text)  # fmt: skip


def write_article(event: Event, article: Article) -> tuple[str, dict]:
    lang, spelled = article.lang, article.spelled
    year, month, day = event.date
    day += article.day_shift
    opening, chair_line, people_line, figures_line, closing = SENTENCES[lang]
    english_org, level, org_patterns = ORGANIZERS[event.organizer]
    org = org_patterns[lang].format(p=place(lang, event.province), l=place(lang, event.locality or ""))
    lines = [opening.format(date=date_text(lang, year, month, day), org=org, topic=TOPICS[event.topic][1][lang])]
    chairs, participants = [], []
    if not article.omit_chair:
        name, title = event.chair
        lines.append(chair_line.format(name=person(lang, name, spelled), title=TITLES[title][1][lang]))
        chairs.append({"name": spelled.get(name, name), "titles": [TITLES[title][0]]})
    if event.participants and not article.omit_participants:
        named = [f"{person(lang, n, spelled)} ({TITLES[t][1][lang]})" for n, t in event.participants]
        lines.append(people_line.format(people=JOIN[lang].join(named)))
        participants = [{"name": spelled.get(n, n), "titles": [TITLES[t][0]]} for n, t in event.participants]
    figures = []
    if not article.omit_figures:
        values = [(kind, article.rounded.get(value, value)) for kind, value in event.figures]
        texts = [FIGURES[kind][2][lang].format(v=number(lang, value)) for kind, value in values]
        lines.append(figures_line.format(figs=FIG_JOIN[lang].join(texts)))
        figures = [{"value": value, "unit": FIGURES[kind][0], "description": FIGURES[kind][1]} for kind, value in values]
    lines.append(closing)
    kind, code, issuer = event.document
    gold = {
        "is_conference": True,
        "title": f"{english_org.format(p=event.province, l=event.locality)} conference",
        "summary": f"{english_org.format(p=event.province, l=event.locality)} held a conference. "
        + TOPICS[event.topic][0] + ".",
        "source_language": lang,
        "date": {"year": year, "month": month, "day": day, "part_of_day": None, "year_inferred": False},
        "organizer": {"name": english_org.format(p=event.province, l=event.locality), "level": level},
        "province": event.province,
        "locality": event.locality,
        "format": None,
        "purpose": TOPICS[event.topic][0],
        "period": None,
        "chairs": chairs,
        "participants": participants,
        "documents": [{"kind": kind, "number": code, "issuer": issuer}],
        "figures": figures,
        "tasks": [],
        "awards": [],
        "author": None,
        "source_url": None,
    }
    separator = "" if lang in ("zh", "ja") else " "
    return separator.join(lines) + "\n", gold


def main() -> None:
    events = {event.id: event for event in EVENTS}
    groups: dict[str, list[str]] = {event.id: [] for event in EVENTS}
    for directory in ("docs", "gold"):
        (HERE / directory).mkdir(exist_ok=True)
        for old in (HERE / directory).iterdir():
            old.unlink()
    for article in ARTICLES:
        event = events[article.event]
        name = f"{article.event}-{article.lang}"
        text, gold = write_article(event, article)
        (HERE / "docs" / f"{name}.txt").write_text(text, encoding="utf-8")
        (HERE / "gold" / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n", "utf-8")
        groups[article.event].append(name)
    (HERE / "groups.json").write_text(json.dumps(groups, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(ARTICLES)} articles, {len(EVENTS)} events -> {HERE}")


if __name__ == "__main__":
    main()
