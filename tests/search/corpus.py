"""The relevance test set: a fixed corpus of stories in each edition and the queries that must
find them (the expected story among the first three results).

Written for these tests (no text is taken from an outlet). Each story has a topic of its
own; the queries are what a reader types: other grammatical forms of the title's words,
words of the standfirst or body, two-word queries, "exact phrases", odd capitalisation.
"""

# language -> [(key, title, subtitle, lead, body)]
STORIES = {
    "en": [
        (
            "talks",
            "Ceasefire negotiations resume in Istanbul",
            "Delegations meet for a third round of talks",
            "Mediators hope the negotiators will sign a framework agreement by Friday.",
            "The delegations negotiated late into the night over border crossings and the "
            "exchange of prisoners. Observers called the Istanbul talks the most serious so far.",
        ),
        (
            "teachers",
            "Teachers strike over unpaid wages",
            "Schools close in four provinces",
            "The union says its members have not been paid for three months.",
            "Striking teachers gathered outside the ministry of education. A teacher from the "
            "capital said classrooms lack heating and textbooks.",
        ),
        (
            "wildfire",
            "Wildfires force evacuation of mountain villages",
            "Firefighters battle flames for a second day",
            "Hundreds of villagers were evacuated as strong winds spread the fire.",
            "Helicopters dropped water on the burning forest. Rescuers say no one was injured, "
            "but dozens of houses and orchards burned down.",
        ),
        (
            "rates",
            "Central bank raises interest rates to curb inflation",
            "Borrowing costs reach their highest level in a decade",
            "The bank's board voted to raise the key rate by one percentage point.",
            "Economists expect mortgage payments to rise. The governor said inflation must "
            "return to the target before rates can fall.",
        ),
        (
            "hospital",
            "Children's hospital opens a new cancer ward",
            "Twenty beds and a playroom for young patients",
            "Doctors say the ward will shorten waiting lists for treatment.",
            "Donations from hundreds of families paid for the equipment. Nurses were trained "
            "abroad for six months before the opening.",
        ),
        (
            "football",
            "National football team qualifies for the European championship",
            "A late goal seals a historic win",
            "Supporters celebrated in the streets until dawn.",
            "The striker scored in the ninetieth minute. It is the first time the team has "
            "qualified for a major tournament.",
        ),
        (
            "earthquake",
            "Earthquake damages a historic bridge in the north",
            "Engineers inspect the stone arches",
            "The tremor of magnitude five was felt across the region.",
            "Seismologists recorded several aftershocks overnight. The medieval bridge will stay "
            "closed to traffic until repairs are finished.",
        ),
        (
            "elections",
            "Opposition wins municipal elections in the capital",
            "Turnout was the lowest since independence",
            "The new mayor promised cheaper public transport.",
            "Counting went on until morning. The ruling party conceded defeat in the city "
            "council vote but kept most rural districts.",
        ),
        (
            "drought",
            "Farmers warn of a poor harvest after the drought",
            "No rain has fallen since April",
            "Wheat and apricot growers ask the government for compensation.",
            "Irrigation canals are dry in the valley. Agronomists fear grain prices will climb "
            "in the autumn.",
        ),
        (
            "buses",
            "Startup builds electric buses for city routes",
            "The first vehicles leave the assembly line",
            "The company plans to deliver forty buses next year.",
            "The batteries are charged overnight at the depot. Engineers tested the prototype on "
            "steep streets in winter.",
        ),
        (
            "manuscripts",
            "Museum returns stolen manuscripts to the national library",
            "Medieval books recovered after a decade",
            "Police traced the manuscripts to a private collector abroad.",
            "Curators examined the parchment and the illuminations. The library will display "
            "the recovered books in the spring.",
        ),
        (
            "tunnel",
            "New tunnel shortens the road to the south",
            "Drivers save forty minutes on the mountain pass",
            "The tunnel runs for three kilometres under the ridge.",
            "Construction took five years. Lorries no longer need to climb the winding pass in "
            "snowstorms.",
        ),
        (
            "wine",
            "Wine festival draws record crowds",
            "Winemakers from every region pour their vintages",
            "Organisers counted more than twenty thousand visitors over the weekend.",
            "Tastings of old grape varieties sold out early. Musicians played folk songs in the "
            "square until midnight.",
        ),
        (
            "water",
            "Pipeline repairs leave districts without water",
            "Residents queue at tanker trucks",
            "The water utility says supply will resume on Thursday.",
            "A burst main flooded a street near the market. Plumbers worked through the night "
            "to replace the corroded pipes.",
        ),
        (
            "court",
            "Court acquits journalist accused of defamation",
            "The judge finds the reporting accurate",
            "Press freedom groups welcomed the verdict.",
            "The reporter had investigated contracts of a construction firm. Prosecutors may "
            "appeal the acquittal.",
        ),
        (
            "comet",
            "Observatory photographs a passing comet",
            "Astronomers track its tail across the night sky",
            "The comet will be visible with binoculars until the end of the month.",
            "Telescopes at the mountain observatory captured the icy nucleus. Amateur stargazers "
            "sent hundreds of pictures.",
        ),
    ],
    "ru": [
        (
            "talks",
            "Переговоры о перемирии возобновились в Стамбуле",
            "Делегации встретились на третьем раунде",
            "Посредники надеются, что стороны подпишут рамочное соглашение к пятнице.",
            "В переговорах обсуждались пограничные переходы и обмен пленными. Наблюдатели "
            "назвали стамбульские переговоры самыми серьёзными за год.",
        ),
        (
            "teachers",
            "Учителя объявили забастовку из-за невыплаченных зарплат",
            "Школы закрыты в четырёх областях",
            "Профсоюз говорит, что учителям не платят уже три месяца.",
            "Бастующие учителя собрались у здания министерства образования. Учительница из "
            "столицы рассказала, что в классах нет отопления и учебников.",
        ),
        (
            "wildfire",
            "Лесные пожары вынудили эвакуировать горные сёла",
            "Пожарные второй день борются с огнём",
            "Сотни жителей эвакуированы: сильный ветер разносит пламя.",
            "Вертолёты сбрасывают воду на горящий лес. Спасатели сообщают, что пострадавших "
            "нет, но сгорели десятки домов и садов.",
        ),
        (
            "rates",
            "Центральный банк повысил процентную ставку ради борьбы с инфляцией",
            "Кредиты подорожали до максимума за десятилетие",
            "Совет банка проголосовал за повышение ключевой ставки на один пункт.",
            "Экономисты ожидают роста платежей по ипотеке. Председатель заявил, что инфляция "
            "должна вернуться к цели, прежде чем ставки снизятся.",
        ),
        (
            "hospital",
            "В детской больнице открылось новое онкологическое отделение",
            "Двадцать коек и игровая комната для маленьких пациентов",
            "Врачи говорят, что отделение сократит очереди на лечение.",
            "Оборудование купили на пожертвования сотен семей. Медсёстры полгода учились за "
            "границей перед открытием.",
        ),
        (
            "football",
            "Сборная по футболу вышла в финальную часть чемпионата Европы",
            "Поздний гол принёс историческую победу",
            "Болельщики праздновали на улицах до рассвета.",
            "Нападающий забил на девяностой минуте. Команда впервые пробилась на крупный турнир.",
        ),
        (
            "earthquake",
            "Землетрясение повредило исторический мост на севере",
            "Инженеры осматривают каменные арки",
            "Толчки магнитудой пять ощущались во всём регионе.",
            "Сейсмологи зафиксировали ночью несколько афтершоков. Средневековый мост закрыт для "
            "движения до окончания ремонта.",
        ),
        (
            "elections",
            "Оппозиция победила на муниципальных выборах в столице",
            "Явка оказалась самой низкой со времён независимости",
            "Новый мэр пообещал удешевить общественный транспорт.",
            "Подсчёт голосов шёл до утра. Правящая партия признала поражение в городском совете, "
            "но сохранила большинство сельских округов.",
        ),
        (
            "drought",
            "Фермеры предупреждают о плохом урожае после засухи",
            "Дождей не было с апреля",
            "Производители пшеницы и абрикосов просят правительство о компенсациях.",
            "Оросительные каналы в долине пересохли. Агрономы опасаются, что осенью цены на "
            "зерно вырастут.",
        ),
        (
            "buses",
            "Стартап собирает электрические автобусы для городских маршрутов",
            "Первые машины сошли с конвейера",
            "Компания планирует поставить сорок автобусов в следующем году.",
            "Аккумуляторы заряжаются ночью в депо. Инженеры испытали прототип зимой на крутых "
            "улицах.",
        ),
        (
            "manuscripts",
            "Музей вернул национальной библиотеке украденные рукописи",
            "Средневековые книги нашлись через десять лет",
            "Полиция вышла на частного коллекционера за рубежом.",
            "Хранители изучили пергамент и миниатюры. Библиотека покажет возвращённые рукописи "
            "весной.",
        ),
        (
            "tunnel",
            "Новый тоннель сократил дорогу на юг",
            "Водители экономят сорок минут на горном перевале",
            "Тоннель тянется на три километра под хребтом.",
            "Строительство заняло пять лет. Грузовикам больше не нужно подниматься на "
            "извилистый перевал в метель.",
        ),
        (
            "wine",
            "Фестиваль вина собрал рекордное число гостей",
            "Виноделы из всех областей представили свои вина",
            "Организаторы насчитали больше двадцати тысяч посетителей за выходные.",
            "Дегустации старинных сортов винограда закончились к полудню. Музыканты играли "
            "народные песни на площади до полуночи.",
        ),
        (
            "water",
            "Ремонт водопровода оставил районы без воды",
            "Жители стоят в очередях к цистернам",
            "Водоканал обещает восстановить подачу в четверг.",
            "Прорыв магистрали затопил улицу у рынка. Сантехники всю ночь меняли ржавые трубы.",
        ),
        (
            "court",
            "Суд оправдал журналиста, обвинённого в клевете",
            "Судья признал публикации достоверными",
            "Правозащитники приветствовали приговор.",
            "Журналист расследовал контракты строительной фирмы. Прокуратура может обжаловать "
            "оправдательный приговор.",
        ),
        (
            "comet",
            "Обсерватория сфотографировала пролетающую комету",
            "Астрономы следят за её хвостом в ночном небе",
            "Комету можно будет увидеть в бинокль до конца месяца.",
            "Телескопы горной обсерватории сняли ледяное ядро. Любители астрономии прислали "
            "сотни снимков.",
        ),
    ],
    "hy": [
        (
            "talks",
            "Հրադադարի շուրջ բանակցությունները վերսկսվել են Ստամբուլում",
            "Պատվիրակությունները հանդիպել են երրորդ փուլում",
            "Միջնորդները հույս ունեն, որ կողմերը ուրբաթ օրը կստորագրեն համաձայնագիր։",
            "Բանակցությունների ընթացքում քննարկվել են սահմանային անցակետերը և գերիների "
            "փոխանակումը։ Դիտորդները Ստամբուլյան հանդիպումը համարել են ամենալուրջը։",
        ),
        (
            "teachers",
            "Ուսուցիչները գործադուլ են հայտարարել չվճարված աշխատավարձերի պատճառով",
            "Դպրոցները փակ են չորս մարզում",
            "Արհմիությունը հայտնում է, որ ուսուցիչներին երեք ամիս է չեն վճարում։",
            "Գործադուլավորները հավաքվել են կրթության նախարարության շենքի մոտ։ Մայրաքաղաքից "
            "եկած ուսուցչուհին ասել է, որ դասարաններում ջեռուցում չկա։",
        ),
        (
            "wildfire",
            "Անտառային հրդեհները ստիպել են տարհանել լեռնային գյուղերը",
            "Հրշեջները երկրորդ օրն է պայքարում կրակի դեմ",
            "Ուժեղ քամու պատճառով հարյուրավոր բնակիչներ տարհանվել են։",
            "Ուղղաթիռները ջուր են թափում այրվող անտառի վրա։ Փրկարարների խոսքով՝ "
            "տուժածներ չկան, բայց այրվել են տասնյակ տներ և այգիներ։",
        ),
        (
            "rates",
            "Կենտրոնական բանկը բարձրացրել է տոկոսադրույքը գնաճը զսպելու համար",
            "Վարկերը թանկացել են տասնամյակի առավելագույնին",
            "Բանկի խորհուրդը որոշել է վերաֆինանսավորման դրույքը բարձրացնել մեկ կետով։",
            "Տնտեսագետները սպասում են հիփոթեքային վճարների աճ։ Նախագահը հայտարարել է, որ "
            "գնաճը պետք է վերադառնա թիրախին։",
        ),
        (
            "hospital",
            "Մանկական հիվանդանոցում բացվել է նոր ուռուցքաբանական բաժանմունք",
            "Քսան մահճակալ և խաղասենյակ փոքր հիվանդների համար",
            "Բժիշկների խոսքով՝ բաժանմունքը կկրճատի բուժման հերթերը։",
            "Սարքավորումները գնվել են հարյուրավոր ընտանիքների նվիրատվություններով։ "
            "Բուժքույրերը վեց ամիս վերապատրաստվել են արտասահմանում։",
        ),
        (
            "football",
            "Ֆուտբոլի ազգային հավաքականը դուրս է եկել Եվրոպայի առաջնության եզրափակիչ փուլ",
            "Ուշ խփված գոլը պատմական հաղթանակ բերեց",
            "Երկրպագուները մինչև լուսաբաց տոնել են փողոցներում։",
            "Հարձակվողը գոլը խփել է իննսուներորդ րոպեին։ Թիմն առաջին անգամ է դուրս գալիս "
            "խոշոր մրցաշար։",
        ),
        (
            "earthquake",
            "Երկրաշարժը վնասել է հյուսիսում գտնվող պատմական կամուրջը",
            "Ինժեներները զննում են քարե կամարները",
            "Հինգ բալ ուժգնությամբ ցնցումները զգացվել են ամբողջ տարածաշրջանում։",
            "Սեյսմոլոգները գիշերը գրանցել են մի քանի հետցնցում։ Միջնադարյան կամուրջը "
            "փակ կմնա մինչև վերանորոգման ավարտը։",
        ),
        (
            "elections",
            "Ընդդիմությունը հաղթել է մայրաքաղաքի ավագանու ընտրություններում",
            "Մասնակցությունը ամենացածրն էր անկախությունից ի վեր",
            "Նոր քաղաքապետը խոստացել է էժանացնել հասարակական տրանսպորտը։",
            "Քվեների հաշվարկը շարունակվել է մինչև առավոտ։ Իշխող կուսակցությունն ընդունել է "
            "պարտությունը, բայց պահպանել գյուղական համայնքների մեծ մասը։",
        ),
        (
            "drought",
            "Ֆերմերները զգուշացնում են երաշտից հետո վատ բերքի մասին",
            "Ապրիլից ի վեր անձրև չի եկել",
            "Ցորենի և ծիրանի արտադրողները կառավարությունից փոխհատուցում են խնդրում։",
            "Հովտում ոռոգման ջրանցքները չորացել են։ Ագրոնոմները մտավախություն ունեն, որ "
            "աշնանը հացահատիկի գները կբարձրանան։",
        ),
        (
            "buses",
            "Սկսնակ ընկերությունը էլեկտրական ավտոբուսներ է արտադրում քաղաքային երթուղիների համար",
            "Առաջին մեքենաները դուրս են եկել հավաքման գծից",
            "Ընկերությունը հաջորդ տարի նախատեսում է մատակարարել քառասուն ավտոբուս։",
            "Մարտկոցները լիցքավորվում են գիշերը՝ ավտոպարկում։ Ինժեներները նախատիպը "
            "փորձարկել են ձմռանը՝ զառիթափ փողոցներում։",
        ),
        (
            "manuscripts",
            "Թանգարանը ազգային գրադարանին է վերադարձրել գողացված ձեռագրերը",
            "Միջնադարյան գրքերը գտնվել են տասը տարի անց",
            "Ոստիկանությունը հետքերով հասել է արտասահմանցի մասնավոր հավաքորդի։",
            "Պահապանները ուսումնասիրել են մագաղաթը և մանրանկարները։ Գրադարանը "
            "վերադարձված ձեռագրերը կցուցադրի գարնանը։",
        ),
        (
            "tunnel",
            "Նոր թունելը կրճատել է դեպի հարավ տանող ճանապարհը",
            "Վարորդները լեռնանցքում խնայում են քառասուն րոպե",
            "Թունելը լեռնաշղթայի տակով ձգվում է երեք կիլոմետր։",
            "Շինարարությունը տևել է հինգ տարի։ Բեռնատարներն այլևս ստիպված չեն ձնաբքի ժամանակ "
            "բարձրանալ ոլորապտույտ լեռնանցքով։",
        ),
        (
            "wine",
            "Գինու փառատոնը ռեկորդային թվով այցելուներ է գրավել",
            "Բոլոր մարզերի գինեգործները ներկայացրել են իրենց գինիները",
            "Կազմակերպիչները հանգստյան օրերին հաշվել են ավելի քան քսան հազար այցելու։",
            "Խաղողի հին տեսակների համտեսը սպառվել է կեսօրին։ Երաժիշտները մինչև կեսգիշեր "
            "ժողովրդական երգեր են նվագել հրապարակում։",
        ),
        (
            "water",
            "Ջրատարի վերանորոգումը թաղամասերը թողել է առանց ջրի",
            "Բնակիչները հերթ են կանգնում ջրցան մեքենաների մոտ",
            "Ջրմուղ ընկերությունը խոստանում է ջրամատակարարումը վերականգնել հինգշաբթի։",
            "Մայրուղու վթարը ողողել է շուկայի մոտ գտնվող փողոցը։ Փականագործները ամբողջ "
            "գիշեր փոխել են ժանգոտած խողովակները։",
        ),
        (
            "court",
            "Դատարանն արդարացրել է զրպարտության մեջ մեղադրվող լրագրողին",
            "Դատավորը հրապարակումները արժանահավատ է համարել",
            "Իրավապաշտպանները ողջունել են դատավճիռը։",
            "Լրագրողը հետաքննել էր շինարարական ընկերության պայմանագրերը։ Դատախազությունը "
            "կարող է բողոքարկել արդարացման վճիռը։",
        ),
        (
            "comet",
            "Աստղադիտարանը լուսանկարել է անցնող գիսաստղը",
            "Աստղագետները հետևում են նրա պոչին գիշերային երկնքում",
            "Գիսաստղը հեռադիտակով տեսանելի կլինի մինչև ամսվա վերջ։",
            "Լեռնային աստղադիտարանի աստղադիտակները նկարել են սառցե միջուկը։ Սիրողական "
            "աստղագետները հարյուրավոր լուսանկարներ են ուղարկել։",
        ),
    ],
}

# language -> [(query, key of the story expected among the first three)]
QUERIES = {
    "en": [
        ("negotiations", "talks"),
        ("negotiate", "talks"),
        ("negotiating", "talks"),
        ("negotiator", "talks"),
        ('"Istanbul talks"', "talks"),
        ("ceasefire", "talks"),
        ("delegation", "talks"),
        ("teacher", "teachers"),
        ("teachers", "teachers"),
        ("striking teachers", "teachers"),
        ("unpaid wage", "teachers"),
        ("wildfire", "wildfire"),
        ("evacuated villages", "wildfire"),
        ("firefighter", "wildfire"),
        ("interest rate", "rates"),
        ("INFLATION", "rates"),
        ("raising rates", "rates"),
        ("hospital", "hospital"),
        ("cancer wards", "hospital"),
        ("children hospital", "hospital"),
        ("football championship", "football"),
        ("qualify", "football"),
        ("qualifying", "football"),
        ("earthquakes", "earthquake"),
        ("damaged bridge", "earthquake"),
        ("aftershock", "earthquake"),
        ("municipal election", "elections"),
        ("opposition winning", "elections"),
        ("mayors", "elections"),
        ("farmer", "drought"),
        ("droughts", "drought"),
        ("harvests", "drought"),
        ("electric bus", "buses"),
        ('"electric buses"', "buses"),
        ("stolen manuscript", "manuscripts"),
        ("museums", "manuscripts"),
        ("tunnels", "tunnel"),
        ("mountain pass", "tunnel"),
        ("wine festivals", "wine"),
        ("winemaker", "wine"),
        ("pipelines", "water"),
        ("water repair", "water"),
        ("journalists", "court"),
        ("acquitted", "court"),
        ("defamation court", "court"),
        ("comets", "comet"),
        ("observatories", "comet"),
        ("astronomer", "comet"),
    ],
    "ru": [
        ("переговоры", "talks"),
        ("переговоров", "talks"),
        ("переговорах", "talks"),
        ("Стамбул", "talks"),
        ("перемирие", "talks"),
        ('"стамбульские переговоры"', "talks"),
        ("делегация", "talks"),
        ("учитель", "teachers"),
        ("учителей", "teachers"),
        ("забастовка", "teachers"),
        ("забастовки учителей", "teachers"),
        ("зарплата", "teachers"),
        ("пожар", "wildfire"),
        ("пожаров", "wildfire"),
        ("эвакуировали", "wildfire"),
        ("горных сёл", "wildfire"),
        ("горных сел", "wildfire"),
        ("процентные ставки", "rates"),
        ("инфляции", "rates"),
        ("центрального банка", "rates"),
        ("больница", "hospital"),
        ("больницы", "hospital"),
        ("отделения", "hospital"),
        ("футбол", "football"),
        ("сборной", "football"),
        ("чемпионат Европы", "football"),
        ("землетрясения", "earthquake"),
        ("мосты", "earthquake"),
        ("выборы", "elections"),
        ("выборах", "elections"),
        ("оппозиции", "elections"),
        ("фермер", "drought"),
        ("засуха", "drought"),
        ("урожая", "drought"),
        ("электрический автобус", "buses"),
        ("автобусов", "buses"),
        ("рукопись", "manuscripts"),
        ("музея", "manuscripts"),
        ("тоннеля", "tunnel"),
        ("перевал", "tunnel"),
        ("фестиваля вина", "wine"),
        ("виноделов", "wine"),
        ("водопровод", "water"),
        ("без воды", "water"),
        ("журналисты", "court"),
        ("клевета", "court"),
        ("кометы", "comet"),
        ("обсерватории", "comet"),
    ],
    "hy": [
        ("բանակցություններ", "talks"),
        ("բանակցությունների", "talks"),
        ("բանակցություններում", "talks"),
        ("Ստամբուլ", "talks"),
        ("հրադադար", "talks"),
        ("պատվիրակություններ", "talks"),
        ("ուսուցիչ", "teachers"),
        ("ուսուցիչների", "teachers"),
        ("գործադուլ", "teachers"),
        ("աշխատավարձ", "teachers"),
        ("հրդեհ", "wildfire"),
        ("հրդեհներ", "wildfire"),
        ("գյուղեր", "wildfire"),
        ("գյուղերից", "wildfire"),
        ("տոկոսադրույք", "rates"),
        ("գնաճի", "rates"),
        ("կենտրոնական բանկ", "rates"),
        ("հիվանդանոց", "hospital"),
        ("հիվանդանոցի", "hospital"),
        ("բաժանմունքներ", "hospital"),
        ("հավաքական", "football"),
        ("ֆուտբոլ", "football"),
        ("առաջնությունում", "football"),
        ("երկրաշարժ", "earthquake"),
        ("երկրաշարժից", "earthquake"),
        ("պատմական կամուրջ", "earthquake"),
        ("ընտրություններ", "elections"),
        ("ընտրությունների", "elections"),
        ("ընդդիմության", "elections"),
        ("ֆերմեր", "drought"),
        ("երաշտ", "drought"),
        ("բերքը", "drought"),
        ("ավտոբուս", "buses"),
        ('"էլեկտրական ավտոբուսներ"', "buses"),
        ("երթուղիներ", "buses"),
        ("ձեռագրերի", "manuscripts"),
        ("թանգարան", "manuscripts"),
        ("թունել", "tunnel"),
        ("թունելով", "tunnel"),
        ("ճանապարհ", "tunnel"),
        ("փառատոն", "wine"),
        ("այցելուներ", "wine"),
        ("ջրատար", "water"),
        ("թաղամասեր", "water"),
        ("լրագրող", "court"),
        ("դատարանը", "court"),
        ("զրպարտություն", "court"),
        ("գիսաստղ", "comet"),
        ("աստղադիտարանում", "comet"),
    ],
}
