## People's Participation Budget: cycles
pb-title = Бюджет народного участия
pb-intro = В каждом цикле жители распоряжаются частью местного бюджета: предлагают проекты, эксперты их проверяют, все голосуют, проекты-победители реализуются.
pb-none = Циклов бюджета пока нет.
pb-col-territory = Территория
pb-col-year = Год
pb-col-stage = Этап
pb-col-envelope = Объём средств
pb-cycle-title = Бюджет участия { $year }: { $territory }
pb-territory-link = Циклы бюджета этой территории
pb-new-link = Начать цикл бюджета
pb-new-title = Новый цикл бюджета
pb-create = Создать цикл
pb-created = Цикл создан. Идёт сбор предложений.
pb-stage-moved = Этап изменён.

pb-stage-collection = Сбор предложений
pb-stage-review = Экспертиза
pb-stage-revision = Доработка
pb-stage-discussion = Обсуждение
pb-stage-voting = Голосование
pb-stage-results = Итоги
pb-stage-implementation = Реализация
pb-stage-closed = Завершён
pb-stage-entered = начат { $date }
pb-move-to = Перейти к этапу: { $stage }
pb-timeline = Ход цикла

pb-money = Средства
pb-field-year = Год
pb-field-housing = Годовые расходы на ЖКХ (функциональная группа 07), ₸
pb-field-housing-hint = Плановые расходы территории на год, без целевых трансфертов из вышестоящих бюджетов.
pb-field-share = Доля на бюджет участия, %
pb-share-hint = Правила требуют не менее { $min }% для территории этого типа.
pb-cap-hint = Стоимость одного проекта — не более { $mrp } МРП.
pb-money-share = { $share }% расходов на ЖКХ
pb-money-if-turnout = если явка достигнет { $turnout }%
pb-money-total = Итого
pb-money-total-max = Итого при выполнении всех условий
pb-cap = Стоимость одного проекта — не более { $mrp } МРП ({ $tenge }).
pb-cofinancing = Софинансирование
pb-field-source = Источник
pb-field-amount = Сумма, ₸
pb-field-turnout = Только при явке не ниже, % (необязательно)
pb-source-district = Субвенция района
pb-source-oblast = Субвенция области
pb-source-sponsor = Спонсор
pb-source-residents = Вклад жителей

pb-voting = Голосование
pb-field-ballot = Бюллетень
pb-ballot-one_vote = Один голос за один проект
pb-ballot-up_to = До нескольких проектов (число укажите ниже)
pb-ballot-up-to-k = До { $k ->
    [one] { $k } проекта
   *[other] { $k } проектов
}
pb-ballot-knapsack = Проекты в пределах бюджета
pb-field-k = Сколько проектов можно выбрать в одном бюллетене (для «до нескольких проектов»)
pb-field-rule = Правило подсчёта
pb-rule-greedy = Больше голосов, пока хватает средств
pb-rule-mes = Метод равных долей
pb-rule-phragmen = Последовательный метод Фрагмена
pb-field-min-age = Минимальный возраст голосующих
pb-field-verification = Кто может голосовать
pb-field-max-proposals = Предложений от одного автора, не более
pb-field-revision = Авторы могут дорабатывать предложения после экспертизы
pb-field-votes-visible = Показывать число голосов во время голосования
pb-field-changes = Голосующие могут изменить бюллетень до конца голосования
pb-voters = Голосовать могут жители с { $age ->
    [one] { $age } года
   *[other] { $age } лет
}.
pb-per-author = Один автор может подать не более { $n ->
    [one] { $n } предложения
   *[other] { $n } предложений
}.

pb-dates = Сроки
pb-field-collection_start = Приём предложений с
pb-field-collection_end = Приём предложений до
pb-field-review_end = Экспертиза до
pb-field-discussion_end = Обсуждение до
pb-field-voting_start = Голосование с
pb-field-voting_end = Голосование до

pb-err-year = Укажите год, например 2027.
pb-err-year-taken = У этой территории уже есть цикл на этот год.
pb-err-money = Укажите сумму в целых тенге, например 250 000 000.
pb-err-share = Укажите процент от 0 до 100, например 10 или 7,5.
pb-err-share-minimum = Для территории этого типа доля должна составлять не менее { $min }% годовых расходов на ЖКХ (Бюджетный кодекс Республики Казахстан от 15 марта 2025 года; Правила бюджетного планирования — приказ Министра финансов Республики Казахстан от 29 апреля 2025 года № 208, п. 75).
pb-err-cofinancing = Выберите источник и укажите сумму в тенге; условие явки, если есть, — в процентах.
pb-err-ballot = Для бюллетеня «до нескольких проектов» число проектов должно быть от 1 до 50.
pb-err-rule = Выберите правило подсчёта из списка.
pb-err-age = Укажите возраст от 14 до 100.
pb-err-verification = Выберите из списка, кто может голосовать: как минимум жители с подтверждённым телефоном или почтой.
pb-err-max-proposals = Укажите число от 1 до 20.
pb-err-date = Укажите дату.
pb-err-no-mrp = Для этой даты нет значения МРП; сначала его должен добавить администратор.
pb-err-schedule-collection = Приём предложений должен заканчиваться позже, чем начинается.
pb-err-schedule-review = Экспертиза должна заканчиваться после окончания приёма предложений.
pb-err-schedule-discussion = Обсуждение должно заканчиваться после окончания экспертизы.
pb-err-schedule-voting = Голосование должно начинаться после обсуждения и заканчиваться позже, чем начинается.

pb-stage-err-not-next = Из текущего этапа цикл не может перейти к этому.
pb-stage-err-no-proposals = Предложений пока нет, рассматривать нечего.
pb-stage-err-undecided = Экспертный совет ещё не решил судьбу { $count ->
    [one] { $count } предложения
   *[other] { $count } предложений
}.
pb-stage-err-none-admitted = Ни одно предложение не допущено, голосовать не за что.
pb-stage-err-no-revision = В этом цикле нет этапа доработки.
pb-stage-err-no-dates = Сроки голосования не заданы.
pb-stage-err-voting-past = Голосование закончилось бы { $date }, а эта дата уже прошла. Сначала измените сроки.
pb-stage-err-voting-open = Голосование идёт до { $date }.
pb-stage-err-no-results = Итоги ещё не опубликованы.

## Proposals
pb-proposals = Предложения
pb-proposals-count = { $count ->
    [one] { $count } предложение
    [few] { $count } предложения
   *[many] { $count } предложений
}
pb-proposal-new-title = Подать предложение
pb-proposal-paper-title = Внести предложение с бумажной формы
pb-proposal-paper-legend = Бумажная форма
pb-field-channel = Как подано
pb-field-author = Автор
pb-field-form-number = Номер бумажной формы
pb-field-title = Название
pb-field-description = Что нужно сделать и зачем
pb-field-category = Категория
pb-field-village = Село
pb-field-place = Место (улица, ориентир)
pb-field-cost = Сметная стоимость
pb-field-cost-item = Статья
pb-field-pledge = Обязательство софинансирования
pb-field-pledge-money = Средства жителей или бизнеса, ₸ (необязательно)
pb-field-pledge-labour = Дней добровольного труда, асар (необязательно)
pb-proposal-submit = Отправить
pb-proposal-edit = Изменить предложение
pb-proposal-submitted = Предложение подано.
pb-proposal-saved = Изменения сохранены.
pb-history = История
pb-col-status = Статус
pb-pledge-days = { $days ->
    [one] { $days } день добровольного труда
    [few] { $days } дня добровольного труда
   *[many] { $days } дней добровольного труда
}
pb-channel-web = онлайн
pb-channel-paper = бумажная форма
pb-channel-assisted = в центре цифрового участия
pb-channel-paper-number = бумажная форма № { $number }
pb-event-submitted = подано ({ $channel })
pb-event-edited = изменено автором
pb-status-submitted = ожидает экспертизы
pb-status-admitted = допущено к голосованию
pb-status-rejected = отклонено
pb-status-returned = возвращено на доработку
pb-status-merged = объединено с другим предложением
pb-proposal-err-not-resident = Подавать предложения в этот цикл могут только жители этой территории.
pb-proposal-err-closed = Предложения принимаются только на этапе сбора предложений.
pb-proposal-err-cost-line = В каждой строке сметы нужны название и сумма в целых тенге.
pb-proposal-err-no-cost = Добавьте в смету хотя бы одну строку.
pb-proposal-err-category = Выберите категорию из списка.
pb-proposal-err-place = Укажите, где будет проект (не менее 3 символов).
pb-proposal-err-title = Название должно содержать от { $min } до { $max ->
    [one] { $max } символа
   *[other] { $max } символов
}.
pb-proposal-err-description = Описание должно содержать от { $min } до { $max ->
    [one] { $max } символа
   *[other] { $max } символов
}.
pb-proposal-err-over-cap = Смета составляет { $total } — больше предела для одного проекта: { $mrp } МРП ({ $cap }).
pb-proposal-err-labour = Число дней добровольного труда — целое число от 0 до { $max }.
pb-proposal-err-channel = Выберите, как подано предложение.
pb-proposal-err-form-number = Укажите номер бумажной формы.
pb-proposal-err-form-taken = Бумажная форма с этим номером уже внесена в этот цикл.
pb-proposal-err-too-many = У вас уже { $max ->
    [one] { $max } предложение
    [few] { $max } предложения
   *[many] { $max } предложений
} в этом цикле — это предел.

## Categories
pb-category-greening = Озеленение
pb-category-pavements = Тротуары
pb-category-ramps_ditches = Пандусы и арыки
pb-category-public_spaces_lighting = Общественные пространства и их освещение
pb-category-kerbs_walls = Бордюры и подпорные стенки
pb-category-dump_removal = Ликвидация свалок
pb-category-benches_play = Скамейки и игровое оборудование
pb-category-sports_play_grounds = Спортивные и детские площадки
pb-category-sanitation = Санитарная очистка
pb-category-public_wifi = Общественный Wi-Fi
pb-category-ecology = Экология
pb-category-inclusive_access = Инклюзивная доступность
pb-category-other = Другое
pb-category-water_sewerage = Водоснабжение и водоотведение
pb-category-medical_post = Ремонт медпункта
pb-category-roads_bridges = Подъездные дороги и мосты
pb-category-internet = Интернет
pb-category-mobile_medical_vet = Выездные медицинские и ветеринарные услуги
pb-category-culture_library = Дома культуры и библиотеки
pb-category-fair_farm_grounds = Ярмарочные и хозяйственные площадки
pb-category-irrigation_farm = Орошение и иная сельхозинфраструктура

## Expert review
pb-council = Экспертный совет
pb-council-balance = { $total ->
    [one] { $total } член
    [few] { $total } члена
   *[many] { $total } членов
}, из них от гражданского общества: { $civil }.
pb-council-unbalanced = Не менее половины совета должны составлять представители гражданского общества (активные жители, общественные деятели, НПО).
pb-council-empty = В совете пока нет членов.
pb-council-add = Добавить члена совета
pb-council-added = Член совета добавлен.
pb-council-civil = гражданское общество
pb-council-official = госслужащий
pb-council-civil-field = Представитель гражданского общества (не госслужащий)
pb-conclusions = Заключения экспертов
pb-conclusions-none = Заключений пока нет.
pb-conclusion-member = Эксперт
pb-conclusion-legal = Законно
pb-conclusion-feasible = Реализуемо
pb-conclusion-cost = Уточнённая стоимость, ₸
pb-conclusion-comment = Комментарий
pb-conclusion-add = Ваше заключение
pb-conclusion-save = Сохранить заключение
pb-conclusion-saved = Заключение сохранено.
pb-yes = да
pb-no = нет
pb-decision-title = Решение совета
pb-decision-field = Решение
pb-decision-reason = Обоснование
pb-decision-save = Записать решение
pb-decision-saved = Решение записано и опубликовано.
pb-decision-admit = Допустить к голосованию
pb-decision-reject = Отклонить
pb-decision-return = Вернуть на доработку
pb-decision-merge = Объединить с другим предложением
pb-merged-into = Объединено с:
pb-event-decided-admit = экспертный совет допустил к голосованию
pb-event-decided-reject = экспертный совет отклонил
pb-event-decided-return = экспертный совет вернул на доработку
pb-event-decided-merge = экспертный совет объединил с другим предложением
pb-event-resubmitted = доработано и снова направлено в совет
pb-review-err-not-review = Заключения и решения записываются только на этапе экспертизы.
pb-review-err-comment = Напишите комментарий от 3 до 2000 символов.
pb-review-err-decision = Выберите решение из списка.
pb-review-err-reason = Укажите обоснование (не менее 10 символов): оно публикуется вместе с решением.
pb-review-err-merge = Выберите предложение этого цикла, с которым нужно объединить.

## Voting
pb-vote-title = Голосовать
pb-col-votes = Голоса
pb-vote-rule-one = Выберите один проект. Изменить голос потом нельзя.
pb-vote-rule-up-to = Выберите не более { $k ->
    [one] { $k } проекта
   *[other] { $k } проектов
}.
pb-vote-rule-knapsack = Выберите проекты, общая стоимость которых укладывается в { $budget }.
pb-vote-final = Проверьте выбор перед отправкой.
pb-vote-change = Изменить бюллетень
pb-vote-change-hint = В этом цикле бюллетень можно изменить до конца голосования: выберите заново и отправьте. Учитывается только последний бюллетень.
pb-vote-submit = Отправить бюллетень
pb-vote-none = Ни одно предложение не допущено к голосованию.
pb-vote-done = Ваш бюллетень записан. Сохраните этот код, чтобы потом проверить, что он учтён.
pb-vote-cast = Спасибо! Ваш бюллетень записан.
pb-vote-replaced = Ваш бюллетень заменён новым выбором.
pb-receipt-code = Код квитанции
pb-receipt-check = Проверить квитанцию бюллетеня
pb-receipt-submit = Проверить
pb-receipt-found = Бюллетень с этим кодом записан ({ $channel }), выбрано проектов: { $count }; он учтён.
pb-receipt-not-found = В этом цикле нет бюллетеня с таким кодом. Проверьте, нет ли опечатки.
pb-vote-err-not-open = Голосование в этом цикле сейчас не идёт.
pb-vote-err-closed = Голосование закончилось { $date }; бюллетень не принят.
pb-vote-err-age = Голосовать могут жители, которым в последний день голосования исполнится { $age ->
    [one] { $age } год
    [few] { $age } года
   *[many] { $age } лет
}.
pb-vote-err-resident = Голосовать в этом цикле могут только жители этой территории.
pb-vote-err-verification = Для этого голосования ваша учётная запись подтверждена недостаточно. Придите с удостоверением личности в центр цифрового участия: регистратор подтвердит вас, и вы сможете проголосовать.
pb-vote-err-empty = Выберите хотя бы один проект.
pb-vote-err-too-many = Выберите не более { $max ->
    [one] { $max } проекта
   *[other] { $max } проектов
}.
pb-vote-err-unknown = Выбранного проекта нет в бюллетене. Обновите страницу и выберите снова.
pb-vote-err-over-budget = Выбранные проекты стоят { $spent } — больше доступных { $budget }. Уберите какой-нибудь проект.
pb-vote-err-already = Вы уже проголосовали в этом цикле; учитывается первый бюллетень.

## Results
pb-results = Итоги
pb-results-funded = Финансируется
pb-results-summary = Подсчёт по правилу «{ $rule }». Бюджет { $budget }, победителям выделено { $spent }, остаток { $left }.
pb-results-turnout = Бюллетеней: { $ballots }, явка { $percent }% населения.
pb-results-ballots = Бюллетеней: { $ballots }.
pb-results-download = Скачать обезличенные бюллетени (Pabulib .pb)
pb-results-verify = Пересчитать итоги может любой: скачайте файл обезличенных бюллетеней (.pb) и откройте его в любом инструменте Pabulib. Для аудиторов: пересчёт — `qatysu tally ФАЙЛ.pb --rule ПРАВИЛО`; сохранённые бюллетени администратор проверяет командой `qatysu verify`.
pb-results-json = Итоги в формате JSON
pb-photo-title = Фотографии
pb-photo-alt = { $title } — фото { $n }
pb-photo-field = Добавить фотографии
pb-photo-hint = { $max ->
    [one] До { $max } фотографии
   *[other] До { $max } фотографий
} на предложение, PNG или JPEG, не больше 5 МБ каждая.
pb-photo-submit = Загрузить
pb-photo-remove = Удалить фото
pb-photo-added = Фотографии добавлены.
pb-photo-removed = Фотография удалена.
pb-photo-err-size = Файл слишком большой: каждая фотография не больше 5 МБ. Ничего не сохранено.
pb-photo-err-type = Принимаются только фотографии PNG и JPEG. Ничего не сохранено.
pb-photo-err-empty = Файл не получен. Ничего не сохранено.
pb-photo-err-too-many = { $max ->
    [one] У предложения может быть не больше { $max } фотографии.
   *[other] У предложения может быть не больше { $max } фотографий.
} Ничего не сохранено.
pb-photo-err-not-allowed = Добавлять и удалять фотографии могут только автор (пока предложение можно изменять) и координаторы БНУ этой территории.
pb-photo-count = { $count } фото
pb-council-invited = Приглашение отправлено: человек войдёт в совет, когда примет его.
pb-council-updated = Отметка «гражданское общество» для члена совета сохранена.
pb-col-rank = Место
