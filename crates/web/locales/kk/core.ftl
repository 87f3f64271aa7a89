## Layout
app-name = Qatysu
app-tagline = Жергілікті өзін-өзі басқаруға қатысу
skip-to-content = Негізгі мазмұнға өту
nav-home = Басты бет
nav-territories = Аумақтар
nav-login = Кіру
nav-register = Тіркелу
nav-account = Жеке кабинет
nav-logout = Шығу
nav-initiatives = Бастамалар
nav-pb = Халық қатысатын бюджет
lang-switch-label = Тіл
footer-text = Qatysu — халық қатысатын бюджетке, азаматтық бастамаларға және қоғамдық бақылауға арналған ашық платформа.
footer-api = Ашық деректер (API)

## Home
home-title = Ауылыңыздағы шешімдерді қабылдауға қатысыңыз
home-intro = Жергілікті бюджеттің бір бөлігін неге жұмсау керектігін ұсыныңыз, дауыс беріңіз, бастамаларға қол қойыңыз, әкімдік пен мәслихаттың шешімдерін қадағалаңыз.
home-territories = Ауылыңызды табыңыз
home-stats = Аумақ саны: { $territories }, тіркелген тұрғын саны: { $users }

## Dates and months (genitive where the language needs it)
date-full = { $year } жылғы { $day } { $month }
month-1 = қаңтар
month-2 = ақпан
month-3 = наурыз
month-4 = сәуір
month-5 = мамыр
month-6 = маусым
month-7 = шілде
month-8 = тамыз
month-9 = қыркүйек
month-10 = қазан
month-11 = қараша
month-12 = желтоқсан

## Territories
territories-title = Аумақтар
territories-intro = Әкімшілік-аумақтық объектілер жіктеуіші (ӘАОЖ) бойынша облыстар, аудандар, ауылдық округтер мен ауылдар.
territories-empty = Аумақтар әлі жүктелмеген.
territories-too-many = Тек жоғарғы деңгейлер көрсетілген; құрамын көру үшін аумақты ашыңыз.
territory-kato = ӘАОЖ коды
territory-kind = Түрі
territory-population = Халық саны
territory-population-unknown = дерек жоқ
territory-population-illustrative = көрсетуге арналған шартты сан, ресми статистика емес
territory-children = Аумақтың құрамында
territory-children-count = { $count ->
   *[other] { $count } аумақ
}
territory-no-children = Бұл аумақтың құрамында ештеңе тіркелмеген.
territory-parent = Құрамына кіреді
territory-edit-population = Халық санын түзету
territory-population-save = Сақтау
territory-population-saved = Халық саны сақталды.
territory-roles = Осы аумақтағы рөлдер
kind-oblast = облыс
kind-city_republican = республикалық маңызы бар қала
kind-district = аудан
kind-city_oblast = облыстық маңызы бар қала
kind-rural_okrug = ауылдық округ
kind-town = қала немесе кент
kind-village = ауыл

## Registration and login
register-title = Тіркелу
register-intro = Тіркелгеннен кейін ауылыңызда жоба ұсынып, дауыс беріп, бастамаларға қол қоя аласыз.
field-name = Тегі мен аты
field-contact = Телефон немесе эл. пошта
field-contact-hint = Мысалы, +7 701 123 45 67 немесе name@mail.kz
field-password = Құпиясөз
field-password-hint = Кемінде { $min } таңба.
field-iin = ЖСН
field-iin-hint = 12 цифр. ЖСН тексеріледі, бірақ ашық түрде сақталмайды: тек қайтымсыз хэш-код түрінде сақталады, сондықтан оны мұнда ешкім, тіпті сіз де оқи алмайсыз.
account-iin-kept = Ашық түрде сақталмайды: тек қайтымсыз хэш-код түрінде, бірде-бір цифры жазылмайды
field-village = Тұратын ауылыңыз
field-village-choose = Ауылды таңдаңыз
register-submit = Тіркелу
register-done = Қош келдіңіз! Есептік жазбаңыз құрылды.
register-have-account = Тіркелгенсіз бе? Кіріңіз.
login-title = Кіру
login-submit = Кіру
login-no-account = Есептік жазбаңыз жоқ па? Тіркеліңіз.
login-failed = Телефон, эл. пошта немесе құпиясөз қате.
login-throttled = Әрекет тым көп болды. { $minutes } минуттан кейін қайталаңыз.
login-code-needed = Бұл есептік жазбаға кіруге көп рет сәтсіз әрекет жасалды, мүмкін, сіз емес. Оны қорғау үшін құпиясөзбен және бір реттік кодпен кіріңіз: «Код жіберу» батырмасын басып, келген кодты теріңіз.
login-field-code = Бір реттік код
login-code-explain = Код есептік жазбаның расталған телефонына немесе эл. поштасына жіберіледі және 10 минут жарамды.
login-code-send = Код жіберу
login-code-sent = Егер есептік жазбаның расталған телефоны немесе эл. поштасы болса, оған код жіберілді. Код 10 минут жарамды.
logout-submit = Шығу
logout-done = Сіз жүйеден шықтыңыз.
account-title = Жеке кабинет
account-age = Жасы: { $age }
account-since = Тіркелген күні: { $date }
account-residence = Тұратын ауылы
account-roles = Менің рөлдерім
password-change-title = Құпиясөзді ауыстыру
field-current-password = Қазіргі құпиясөз
field-new-password = Жаңа құпиясөз
password-change-submit = Құпиясөзді ауыстыру
password-changed = Құпиясөз ауыстырылды. Басқа құрылғылардан шығу орындалды.

## Form errors
form-has-errors = Төменде белгіленген өрістерді түзетіңіз.
err-name-required = Атыңызды жазыңыз (2-ден 100 таңбаға дейін).
err-contact-invalid = Телефон нөмірін (+7 және 10 цифр) немесе эл. пошта мекенжайын жазыңыз.
err-password-short = Құпиясөзде кемінде { $min } таңба болуы керек.
err-password-long = Құпиясөз тым ұзын.
err-password-common = Бұл құпиясөзді табу тым оңай; басқасын таңдаңыз.
err-password-wrong = Қазіргі құпиясөз қате.
err-iin-length = ЖСН дәл 12 цифрдан тұрады.
err-iin-century = ЖСН-нің жетінші цифры 1-ден 6-ға дейін болуы керек.
err-iin-date = ЖСН-нің алғашқы алты цифры нақты туған күнді білдірмейді.
err-iin-check = ЖСН жарамсыз: бақылау цифры сәйкес келмейді. Қате терілмегенін тексеріңіз.
register-not-created = Есептік жазбаны ашу мүмкін болмады. Егер ол сізде бұрыннан болса, кіріңіз. Егер ЖСН-іңізді басқа біреу тіркеп алса, жеке куәлігіңізді алып, цифрлық қатысу орталығына келіңіз: тіркеуші ЖСН-ді сізге қайтарады.
err-village-unknown = Ауылды тізімнен таңдаңыз.
err-population-invalid = Халық санын 0-ден 100 000 000-ға дейінгі бүтін санмен жазыңыз.
err-user-unknown = Мұндай телефон немесе эл. поштамен есептік жазба жоқ.
err-role-unknown = Рөлді тізімнен таңдаңыз.

## Roles
role-resident = тұрғын
role-coordinator = ХҚБ үйлестірушісі
role-expert = сараптамалық кеңес мүшесі
role-official = әкімдік немесе әкім аппаратының қызметкері
role-deputy = мәслихат депутаты
role-monitor = бақылау тобының мүшесі
role-admin = әкімші
role-registrar = цифрлық қатысу орталығының тіркеушісі
roles-title = Рөлдер: { $territory }
roles-none = Мұнда әлі бірде-бір рөл берілмеген.
roles-country = бүкіл ел
roles-grant-title = Рөл беру
field-role = Рөл
field-user-contact = Есептік жазбаның телефоны немесе эл. поштасы
roles-grant-submit = Беру
roles-granted = Рөл берілді.
roles-err-membership = Бұл рөл берілмейді: оны бір циклге сараптамалық кеңеске немесе бақылау тобына шақыруды қабылдау арқылы алады.
roles-err-seated = Бұл адам осы аумақтағы әлі жабылмаған бюджет циклінің { $body ->
        [expert_council] сараптамалық кеңесінің
       *[monitoring_group] бақылау тобының
    } мүшесі, ал циклді жүргізетін адам онда отыра алмайды. Рөл берілмеді.
roles-col-person = Адам
roles-col-role = Рөл
roles-col-territory = Аумақ

## Error pages
error-503-title = Сервер бос емес
error-503-text = Қазір көп адам кіріп не тіркеліп жатыр. Жарты минут күтіп, пішінді қайта жіберіңіз.
error-409-title = Өзгеріс сақталмады
error-409-text = Бұл жазбаны сізден сәл бұрын басқа біреу өзгертті. Бетті жаңартып, қайталап көріңіз.
error-404-title = Бет табылмады
error-404-text = Бұл мекенжайда бет жоқ. Мүмкін, ол басқа жерге ауыстырылған.
error-403-title = Рұқсат жоқ
error-403-text = Сіздің рөлдеріңіз бұл аумақта мұндай әрекет жасауға рұқсат бермейді.
error-csrf-title = Форманың мерзімі өтті
error-csrf-text = Қауіпсіздік мақсатында форма қабылданбады. Артқа оралып, бетті жаңартыңыз да, қайта жіберіңіз.
error-413-title = Форманың көлемі тым үлкен
error-413-text = Сервер көлемі 1 МБ-қа дейінгі формаларды қабылдайды. Мәтінді қысқартыңыз немесе бөліктерге бөліп, форманы қайта жіберіңіз.
error-400-title = Сұрауды оқу мүмкін болмады
error-400-text = Форма сайт күткен түрде келмеді: өрістерінің бірі жоқ немесе мәні қате. Артқа оралып, бетті жаңартыңыз да, форманы қайта жіберіңіз.
error-400-address = Бұл мекенжайдағы параметрлердің бірінің мәні қате. Бетті сайттағы сілтеме арқылы ашыңыз.
error-login-title = Жүйеге кіріңіз
error-login-text = Жалғастыру үшін жүйеге кіріңіз.
error-500-title = Қате орын алды
error-500-text = Қате тіркелді. Қайталанса, қолдау қызметіне мына кодты хабарлаңыз: { $id }
error-back-home = Басты бетке оралу
field-district = Аудан
register-continue = Жалғастыру
register-change-district = басқа ауданды таңдау

# Uploads: listed by number, never by the name they were uploaded with (security review M6).
upload-label-photo = { $n }-фотосурет
upload-label-document = { $n }-құжат
upload-err-pixels = Фотосуреттің пиксельдері тым көп: ең көбі 50 мегапиксель, әр жағы 20 000 пиксельден аспауы керек. Ештеңе сақталған жоқ.
upload-err-unreadable = Фотосуретті оқу мүмкін болмады: файл бүлінген болуы мүмкін. Ештеңе сақталған жоқ.
upload-err-text-size = Өрістердің біріндегі мәтін тым ұзын: ең көбі 64 КБ. Ештеңе сақталған жоқ.
upload-photos-cleaned = Фотосуреттер ішіндегі жасырын мәліметтерсіз (орны, күні, камерасы) сақталады және 2048 пиксельге дейін кішірейтіледі; файл атаулары сақталмайды.
upload-document-warning = PDF файлы сол күйінде жарияланады: ішіне жазылған мәліметтер (авторы, ұйымы, бағдарламасы) файлда қалады. Қажет болса, жүктемес бұрын оларды өшіріңіз.
