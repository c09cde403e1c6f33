# ruff: noqa: E501 (a phrase book: each sentence reads best unbroken)
"""A newsroom's phrase book for the demo stories, in English, Russian and Armenian.

Written for the demo, not taken from any outlet. Every entry is a (en, ru, hy) triple and
every list is index-aligned, so the same choices write the same story in each edition: a
translation says what its original says. Slots are filled from the story's facts (see
news.py): {topic} and {Topic} (a subject of the section, nominative), {institution} and
{Institution}, {town}, {person} and {credentials} (one of the story's people), {percent},
{amount}, {count}, {day}, {month}. The Russian and Armenian templates keep every slot in a
form that needs no inflection (nominative subjects, "в городе {town}", "{town} քաղաքում",
present-tense verbs, which Russian does not inflect for gender).
"""

LANGUAGES = ("en", "ru", "hy")

TOWNS = [
    ("Arevashat", "Аревашат", "Արևաշատ"),
    ("Tsaghkavan", "Цахкаван", "Ծաղկավան"),
    ("Lernahovit", "Лернаовит", "Լեռնահովիտ"),
    ("Marmarashen", "Мармарашен", "Մարմարաշեն"),
    ("Aghbyurak", "Ахбюрак", "Աղբյուրակ"),
    ("Norashogh", "Норашох", "Նորաշող"),
    ("Getazat", "Гетазат", "Գետազատ"),
    ("Karmrashen", "Кармрашен", "Կարմրաշեն"),
    ("Ardenis", "Арденис", "Արդենիս"),
    ("Vanadzor Hill", "Ванадзорский холм", "Վանաձորի բլուր"),
]

DAYS = [
    ("on Monday", "в понедельник", "երկուշաբթի օրը"),
    ("on Tuesday", "во вторник", "երեքշաբթի օրը"),
    ("on Wednesday", "в среду", "չորեքշաբթի օրը"),
    ("on Thursday", "в четверг", "հինգշաբթի օրը"),
    ("on Friday", "в пятницу", "ուրբաթ օրը"),
    ("on Saturday", "в субботу", "շաբաթ օրը"),
]

MONTHS = [
    ("the end of March", "конца марта", "մարտի վերջ"),
    ("the summer", "лета", "ամառ"),
    ("September", "сентября", "սեպտեմբեր"),
    ("the end of the year", "конца года", "տարվա վերջ"),
]

# Per section slug: subjects (nominative; Armenian with its article) and institutions.
TOPICS = {
    "politics": [
        ("the budget bill", "законопроект о бюджете", "բյուջեի նախագիծը"),
        ("the new electoral code", "новый избирательный кодекс", "նոր ընտրական օրենսգիրքը"),
        (
            "local government reform",
            "реформа местного самоуправления",
            "տեղական ինքնակառավարման բարեփոխումը",
        ),
        ("the civil service law", "закон о госслужбе", "քաղաքացիական ծառայության օրենքը"),
        ("the anti-corruption plan", "антикоррупционный план", "հակակոռուպցիոն ծրագիրը"),
        ("the mayoral election", "выборы мэра", "քաղաքապետի ընտրությունը"),
    ],
    "economy": [
        ("the price of bread", "цена на хлеб", "հացի գինը"),
        ("the new tax on imports", "новый налог на импорт", "ներմուծման նոր հարկը"),
        ("the apricot harvest", "урожай абрикосов", "ծիրանի բերքը"),
        ("the minimum wage", "минимальная зарплата", "նվազագույն աշխատավարձը"),
        ("the mortgage programme", "ипотечная программа", "հիփոթեքային ծրագիրը"),
        ("the solar power plant", "солнечная электростанция", "արևային էլեկտրակայանը"),
    ],
    "world": [
        (
            "the regional trade agreement",
            "региональное торговое соглашение",
            "տարածաշրջանային առևտրային համաձայնագիրը",
        ),
        ("the new border crossing", "новый пограничный переход", "սահմանային նոր անցակետը"),
        ("the visa-free regime", "безвизовый режим", "առանց վիզայի ռեժիմը"),
        ("the gas transit deal", "соглашение о транзите газа", "գազի տարանցման համաձայնագիրը"),
        (
            "the summit of neighbouring states",
            "саммит соседних государств",
            "հարևան պետությունների գագաթնաժողովը",
        ),
    ],
    "society": [
        ("the school meals programme", "программа школьного питания", "դպրոցական սննդի ծրագիրը"),
        ("the new maternity ward", "новое родильное отделение", "ծննդատան նոր բաժանմունքը"),
        ("the bus network", "автобусная сеть", "ավտոբուսային ցանցը"),
        ("the water supply", "водоснабжение", "ջրամատակարարումը"),
        ("the rent of flats", "аренда квартир", "բնակարանների վարձը"),
        ("the town library", "городская библиотека", "քաղաքային գրադարանը"),
    ],
    "culture": [
        ("the autumn theatre season", "осенний театральный сезон", "թատերական աշնանային սեզոնը"),
        (
            "the short film festival",
            "фестиваль короткометражного кино",
            "կարճամետրաժ ֆիլմերի փառատոնը",
        ),
        ("the restored monastery", "отреставрированный монастырь", "վերականգնված վանքը"),
        ("the new museum of crafts", "новый музей ремёсел", "արհեստների նոր թանգարանը"),
        (
            "the folk music competition",
            "конкурс народной музыки",
            "ժողովրդական երաժշտության մրցույթը",
        ),
    ],
    "sport": [
        (
            "the national football team",
            "национальная сборная по футболу",
            "ֆուտբոլի ազգային հավաքականը",
        ),
        (
            "the weightlifting championship",
            "чемпионат по тяжёлой атлетике",
            "ծանրամարտի առաջնությունը",
        ),
        ("the chess olympiad team", "шахматная олимпийская команда", "շախմատային օլիմպիադայի թիմը"),
        ("the new stadium", "новый стадион", "նոր մարզադաշտը"),
        ("the wrestling tournament", "турнир по борьбе", "ըմբշամարտի մրցաշարը"),
    ],
}
# Interviews and analysis take their subjects from every desk.
TOPICS["interviews"] = TOPICS["politics"][:3] + TOPICS["economy"][:3] + TOPICS["culture"][:3]
TOPICS["analytics"] = TOPICS["economy"] + TOPICS["politics"][:3] + TOPICS["society"][:3]

INSTITUTIONS = {
    "politics": [
        ("the parliament", "парламент", "խորհրդարանը"),
        ("the government", "правительство", "կառավարությունը"),
        (
            "the central electoral commission",
            "центральная избирательная комиссия",
            "կենտրոնական ընտրական հանձնաժողովը",
        ),
        ("the opposition faction", "оппозиционная фракция", "ընդդիմադիր խմբակցությունը"),
    ],
    "economy": [
        ("the central bank", "центральный банк", "կենտրոնական բանկը"),
        ("the ministry of finance", "министерство финансов", "ֆինանսների նախարարությունը"),
        ("the statistics committee", "комитет по статистике", "վիճակագրական կոմիտեն"),
        ("the chamber of commerce", "торговая палата", "առևտրի պալատը"),
    ],
    "world": [
        ("the foreign ministry", "министерство иностранных дел", "արտաքին գործերի նախարարությունը"),
        ("the delegation", "делегация", "պատվիրակությունը"),
        ("the customs service", "таможенная служба", "մաքսային ծառայությունը"),
    ],
    "society": [
        ("the town council", "городской совет", "քաղաքային խորհուրդը"),
        ("the ministry of education", "министерство образования", "կրթության նախարարությունը"),
        ("the regional hospital", "областная больница", "մարզային հիվանդանոցը"),
        ("the residents' association", "ассоциация жителей", "բնակիչների միությունը"),
    ],
    "culture": [
        ("the ministry of culture", "министерство культуры", "մշակույթի նախարարությունը"),
        ("the festival committee", "оргкомитет фестиваля", "փառատոնի կազմկոմիտեն"),
        ("the state theatre", "государственный театр", "պետական թատրոնը"),
    ],
    "sport": [
        ("the football federation", "федерация футбола", "ֆուտբոլի ֆեդերացիան"),
        ("the olympic committee", "олимпийский комитет", "օլիմպիական կոմիտեն"),
        ("the coaching staff", "тренерский штаб", "մարզչական շտաբը"),
    ],
}
INSTITUTIONS["interviews"] = INSTITUTIONS["politics"] + INSTITUTIONS["culture"]
INSTITUTIONS["analytics"] = INSTITUTIONS["economy"] + INSTITUTIONS["society"]

TITLES = [
    (
        "{Topic}: {institution} promises a decision by {month}",
        "{Topic}: {institution} обещает решение до {month}",
        "{Topic}. {institution} որոշում է խոստանում մինչև {month}",
    ),
    (
        "{Topic} divides {town}",
        "{Topic} разделяет жителей в городе {town}",
        "{Topic} բաժանում է {town} քաղաքի բնակիչներին",
    ),
    (
        "{Topic}: what changes for families in {town}",
        "{Topic}: что меняется для семей в городе {town}",
        "{Topic}. ինչ է փոխվում {town} քաղաքի ընտանիքների համար",
    ),
    (
        "{Institution} puts {topic} on hold",
        "{Institution} откладывает вопрос: {topic}",
        "{Institution} հետաձգում է հարցը. {topic}",
    ),
    (
        "{Topic}: {percent} more than a year ago",
        "{Topic}: на {percent} больше, чем год назад",
        "{Topic}. {percent}-ով ավելի, քան մեկ տարի առաջ",
    ),
    (
        "{count} people sign a petition over {topic}",
        "{count} человек подписывают петицию: {topic}",
        "{count} մարդ ստորագրում է խնդրագիր. {topic}",
    ),
    (
        "{Topic}: the first results are in",
        "{Topic}: первые результаты",
        "{Topic}. առաջին արդյունքները",
    ),
    (
        "{Institution} and {town}: a deal on {topic}",
        "{Institution} и город {town} договариваются: {topic}",
        "{Institution} և {town} քաղաքը համաձայնության են գալիս. {topic}",
    ),
    (
        "Why {topic} costs {amount}",
        "{Topic}: почему это стоит {amount}",
        "{Topic}. ինչու է դա արժենում {amount}",
    ),
    (
        "{Topic} after the vote {day}",
        "{Topic}: после голосования {day}",
        "{Topic}. {day} քվեարկությունից հետո",
    ),
]

SUBTITLES = [
    (
        "{Institution} says the plan will cost {amount} and take until {month}.",
        "{Institution} сообщает, что план стоит {amount} и займёт время до {month}.",
        "{Institution} հայտնում է, որ ծրագիրն արժե {amount} և կտևի մինչև {month}։",
    ),
    (
        "In {town}, {count} households will feel the change first.",
        "В городе {town} перемены первыми почувствуют {count} семей.",
        "{town} քաղաքում փոփոխությունն առաջինը կզգան {count} ընտանիք։",
    ),
    (
        "Critics call the figures optimistic; supporters say the work has already begun.",
        "Критики называют цифры оптимистичными, сторонники говорят, что работа уже идёт.",
        "Քննադատները թվերը լավատեսական են համարում, կողմնակիցներն ասում են, որ աշխատանքն արդեն սկսված է։",
    ),
    (
        "The debate is about {percent} of the money, and about who decides.",
        "Спор идёт о {percent} средств и о том, кто принимает решение.",
        "Վեճը գումարի {percent}-ի և որոշում կայացնողի մասին է։",
    ),
]

LEADS = [
    (
        "{Institution} presented its plan for {topic} {day}. The first changes reach {town} in the coming weeks.",
        "{Institution} {day} представляет план: {topic}. Первые изменения дойдут до города {town} в ближайшие недели.",
        "{Institution} {day} ներկայացնում է ծրագիրը. {topic}։ Առաջին փոփոխությունները {town} քաղաք կհասնեն առաջիկա շաբաթներին։",
    ),
    (
        "{Topic} was the main subject in {town} this week. {count} residents came to the public hearing {day}.",
        "{Topic} — главная тема недели в городе {town}. На общественные слушания {day} пришли {count} жителей.",
        "{Topic} շաբաթվա գլխավոր թեման էր {town} քաղաքում։ {day} հանրային լսումներին եկավ {count} բնակիչ։",
    ),
    (
        "The numbers behind {topic} have changed: {percent} more than last year, according to {institution}.",
        "Цифры изменились: {topic} — на {percent} больше, чем в прошлом году, сообщает {institution}.",
        "Թվերը փոխվել են. {topic}՝ {percent}-ով ավելի, քան անցյալ տարի, հայտնում է {institution}։",
    ),
    (
        "A decision on {topic} is due by {month}. Officials in {town} say they are ready.",
        "Решение должно быть принято до {month}: {topic}. Чиновники в городе {town} говорят, что готовы.",
        "Որոշումը պետք է կայացվի մինչև {month}. {topic}։ {town} քաղաքի պաշտոնյաներն ասում են, որ պատրաստ են։",
    ),
]

# The body's sentences, by what they do in a story.
CONTEXT = [
    (
        "The plan was first announced in the spring, but work stopped while the money was found.",
        "План объявили ещё весной, но работа остановилась, пока искали деньги.",
        "Ծրագիրը հայտարարվել էր դեռ գարնանը, բայց աշխատանքը կանգ առավ, մինչ գումար էին փնտրում։",
    ),
    (
        "In {town}, the question has been raised at every council meeting since last year.",
        "В городе {town} этот вопрос поднимают на каждом заседании совета с прошлого года.",
        "{town} քաղաքում այս հարցը բարձրացվում է խորհրդի յուրաքանչյուր նիստում՝ անցյալ տարվանից ի վեր։",
    ),
    (
        "{Institution} says the first stage will be finished by {month}.",
        "{Institution} сообщает, что первый этап завершится до {month}.",
        "{Institution} հայտնում է, որ առաջին փուլը կավարտվի մինչև {month}։",
    ),
    (
        "The budget for the project is {amount}, most of it from the state.",
        "Бюджет проекта — {amount}, большая часть — из государственных средств.",
        "Նախագծի բյուջեն {amount} է, մեծ մասը՝ պետական միջոցներից։",
    ),
    (
        "Similar changes were tried five years ago and abandoned after a few months.",
        "Похожие изменения пробовали пять лет назад и отказались от них через несколько месяцев.",
        "Նման փոփոխություններ փորձել էին հինգ տարի առաջ և մի քանի ամիս անց հրաժարվել։",
    ),
    (
        "Residents of {town} learned about the decision from the local radio.",
        "Жители города {town} узнали о решении по местному радио.",
        "{town} քաղաքի բնակիչները որոշման մասին իմացան տեղական ռադիոյից։",
    ),
]
FIGURES = [
    (
        "{Institution} says the figure is {percent} higher than a year ago.",
        "{Institution} сообщает, что показатель на {percent} выше, чем год назад.",
        "{Institution} հայտնում է, որ ցուցանիշը {percent}-ով բարձր է, քան մեկ տարի առաջ։",
    ),
    (
        "About {count} people are directly affected, most of them in {town}.",
        "Изменения напрямую касаются примерно {count} человек, большинство из них — в городе {town}.",
        "Փոփոխություններն ուղղակիորեն վերաբերում են մոտ {count} մարդու, մեծ մասը՝ {town} քաղաքում։",
    ),
    (
        "The cost has grown to {amount}, {percent} more than first planned.",
        "Стоимость выросла до {amount} — на {percent} больше, чем планировалось.",
        "Արժեքն աճել է մինչև {amount}՝ {percent}-ով ավելի, քան նախատեսված էր։",
    ),
    (
        "Only one in five of the {count} applications has been answered so far.",
        "Пока ответ получила лишь одна из пяти заявок, а их — {count}.",
        "{count} դիմումներից առայժմ պատասխան է ստացել միայն հինգից մեկը։",
    ),
]
REACTIONS = [
    (
        "{person}, {credentials}, says the timetable is realistic if the money arrives on time.",
        "{person}, {credentials}, считает сроки реальными, если деньги поступят вовремя.",
        "{person}, {credentials}, կարծում է, որ ժամկետներն իրատեսական են, եթե գումարը ժամանակին հասնի։",
    ),
    (
        "{person}, {credentials}, doubts that much will change before {month}.",
        "{person}, {credentials}, сомневается, что до {month} многое изменится.",
        "{person}, {credentials}, կասկածում է, որ մինչև {month} շատ բան կփոխվի։",
    ),
    (
        "{person} points out that {town} has waited for this for a decade.",
        "{person} напоминает, что город {town} ждёт этого уже десять лет.",
        "{person} հիշեցնում է, որ {town} քաղաքը սրան սպասում է արդեն տասը տարի։",
    ),
    (
        "For {person}, {credentials}, the main risk is the lack of trained staff.",
        "{person}, {credentials}, главным риском называет нехватку подготовленных кадров.",
        "{person}, {credentials}, գլխավոր ռիսկը համարում է պատրաստված կադրերի պակասը։",
    ),
]
NEXT_STEPS = [
    (
        "The next hearing is planned for {month}.",
        "Следующие слушания запланированы на период до {month}.",
        "Հաջորդ լսումները նախատեսված են մինչև {month}։",
    ),
    (
        "{Institution} promises to publish the full figures {day}.",
        "{Institution} обещает опубликовать все цифры {day}.",
        "{Institution} խոստանում է {day} հրապարակել բոլոր թվերը։",
    ),
    (
        "A decision on the second stage is not expected before {month}.",
        "Решения по второму этапу не ждут раньше {month}.",
        "Երկրորդ փուլի վերաբերյալ որոշում չի սպասվում մինչև {month}։",
    ),
    (
        "Residents can send their comments to the council until {month}.",
        "Жители могут направить замечания в совет до {month}.",
        "Բնակիչները կարող են իրենց դիտողություններն ուղարկել խորհուրդ մինչև {month}։",
    ),
]
PARAGRAPH_PARTS = (CONTEXT, FIGURES, REACTIONS, NEXT_STEPS)

# What a person says, in the first person: quotes and interview answers.
SPEECH = [
    (
        "We are not starting from zero: half of the work in {town} is already done.",
        "Мы начинаем не с нуля: половина работы в городе {town} уже сделана.",
        "Մենք զրոյից չենք սկսում. {town} քաղաքում աշխատանքի կեսն արդեն արված է։",
    ),
    (
        "People want to see results, not another round of promises.",
        "Люди хотят видеть результат, а не очередные обещания.",
        "Մարդիկ ուզում են արդյունք տեսնել, ոչ թե հերթական խոստումներ։",
    ),
    (
        "If the money comes by {month}, I see no reason for delay.",
        "Если деньги придут до {month}, я не вижу причин для задержки.",
        "Եթե գումարը գա մինչև {month}, ես հետաձգման պատճառ չեմ տեսնում։",
    ),
    (
        "{percent} is a lot for a family budget; we have to explain where it goes.",
        "{percent} — это много для семейного бюджета; мы должны объяснить, куда идут деньги.",
        "{percent}-ը շատ է ընտանեկան բյուջեի համար. պետք է բացատրենք, թե ուր է գնում գումարը։",
    ),
    (
        "I have talked to teachers, drivers and doctors, and they all ask the same question.",
        "Я каждый день разговариваю с учителями, водителями и врачами, и все задают один и тот же вопрос.",
        "Ես խոսել եմ ուսուցիչների, վարորդների և բժիշկների հետ, և բոլորը նույն հարցն են տալիս։",
    ),
    (
        "Nobody should learn about such decisions from the radio.",
        "Никто не должен узнавать о таких решениях по радио.",
        "Ոչ ոք չպետք է նման որոշումների մասին իմանա ռադիոյից։",
    ),
    (
        "We counted {count} requests last month alone, and the number keeps growing.",
        "Только за прошлый месяц мы насчитали {count} обращений, и их становится больше.",
        "Միայն անցյալ ամիս մենք հաշվեցինք {count} դիմում, և թիվը շարունակում է աճել։",
    ),
    (
        "The idea is good; the question is who will pay for it in five years.",
        "Идея хорошая; вопрос в том, кто будет платить за неё через пять лет.",
        "Գաղափարը լավն է. հարցն այն է, թե ով է դրա համար վճարելու հինգ տարի հետո։",
    ),
]
QUESTIONS = [
    (
        "{Topic}: what does it change for an ordinary family?",
        "{Topic}: что это меняет для обычной семьи?",
        "{Topic}. ի՞նչ է դա փոխում սովորական ընտանիքի համար։",
    ),
    (
        "Why has it taken so long?",
        "Почему на это ушло так много времени?",
        "Ինչո՞ւ այդքան երկար տևեց։",
    ),
    ("Is {amount} enough?", "Достаточно ли {amount}?", "Արդյո՞ք {amount} բավարար է։"),
    (
        "What do you hear from people in {town}?",
        "Что вы слышите от жителей города {town}?",
        "Ի՞նչ եք լսում {town} քաղաքի բնակիչներից։",
    ),
    (
        "Who will be responsible if the plan fails?",
        "Кто будет отвечать, если план не сработает?",
        "Ո՞վ է պատասխանատու լինելու, եթե ծրագիրը ձախողվի։",
    ),
    ("What happens after {month}?", "Что будет после {month}?", "Ի՞նչ է լինելու {month}ից հետո։"),
    (
        "You were critical a year ago. What made you change your mind?",
        "Год назад вы были настроены критично. Что изменило ваше мнение?",
        "Մեկ տարի առաջ դուք քննադատաբար էիք տրամադրված։ Ի՞նչը փոխեց ձեր կարծիքը։",
    ),
]
HEADINGS = [
    ("What happens next", "Что дальше", "Ինչ է լինելու հետո"),
    ("The numbers", "Цифры", "Թվեր"),
    ("Reactions in {town}", "Реакция в городе {town}", "Արձագանքներ {town} քաղաքում"),
    ("Background", "Предыстория", "Նախապատմություն"),
    ("Who pays", "Кто платит", "Ով է վճարում"),
]
CAPTIONS = [
    ("{town} {day}.", "Город {town} {day}.", "{town} քաղաքը {day}։"),
    (
        "Residents of {town} at the public hearing.",
        "Жители города {town} на общественных слушаниях.",
        "{town} քաղաքի բնակիչները հանրային լսումների ժամանակ։",
    ),
    (
        "The site of the future works in {town}.",
        "Место будущих работ в городе {town}.",
        "Ապագա աշխատանքների վայրը {town} քաղաքում։",
    ),
    (
        "{Institution} meets the press.",
        "{Institution} проводит встречу с журналистами.",
        "{Institution} հանդիպում է լրագրողների հետ։",
    ),
]
INTERVIEW_TITLES = [
    ("{person}: “{short_quote}”", "{person}: «{short_quote}»", "{person}. «{short_quote}»"),
]
INTERVIEW_LEADS = [
    (
        "{person}, {credentials}, on what lies ahead for {town}. The subject: {topic}.",
        "{person}, {credentials}, — о том, что ждёт город {town}. Тема разговора: {topic}.",
        "{person}, {credentials}, {town} քաղաքի ապագայի մասին։ Զրույցի թեման՝ {topic}։",
    ),
]
SHORT_QUOTES = [
    (
        "People want results, not promises",
        "Люди хотят результатов, а не обещаний",
        "Մարդիկ արդյունք են ուզում, ոչ թե խոստումներ",
    ),
    ("We are not starting from zero", "Мы начинаем не с нуля", "Մենք զրոյից չենք սկսում"),
    (
        "The question is who will pay",
        "Вопрос в том, кто будет платить",
        "Հարցն այն է, թե ով է վճարելու",
    ),
    (
        "Nobody should learn this from the radio",
        "Никто не должен узнавать об этом по радио",
        "Ոչ ոք չպետք է սա իմանա ռադիոյից",
    ),
]
BIOS = [
    (
        "{person}, {credentials}, has followed {topic} for many years.",
        "{person}, {credentials}, много лет следит за темой: {topic}.",
        "{person}, {credentials}, երկար տարիներ հետևում է այս թեմային՝ {topic}։",
    ),
    (
        "{person} writes about {town} and the people who make it work.",
        "{person} пишет о городе {town} и его жителях.",
        "{person} գրում է {town} քաղաքի և նրա բնակիչների մասին։",
    ),
]

AMOUNT_UNITS = ("{} million drams", "{} млн драмов", "{} մլն դրամ")
