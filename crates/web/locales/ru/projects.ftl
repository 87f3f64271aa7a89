## Реализация профинансированных проектов, группы надзора, отчёты мониторинга, праздники; подотчётность.
prj-list-title = Профинансированные проекты
prj-territory-title = Профинансированные проекты: { $territory }
prj-territory-link = Профинансированные проекты и их реализация
prj-results-link = Реализация профинансированных проектов
prj-list-empty = Профинансированных проектов пока нет.
prj-col-project = Проект
prj-col-progress = Выполнение
prj-not-recorded-short = (договор ещё не внесён)
prj-late-short = просрочено
prj-over-budget-short = перерасход
prj-unanswered = { $count ->
    [one] { $count } отчёт ждёт ответа
    [few] { $count } отчёта ждут ответа
   *[many] { $count } отчётов ждут ответа
}
prj-proposal-link = предложение и голоса за него
prj-progress = Выполнено на { $percent }%
prj-late = Работы просрочены: плановая дата окончания прошла.
prj-over-budget = Оплачено больше суммы договора.
prj-not-recorded = Акимат ещё не внёс договор.
prj-contractor = Подрядчик (БИН)
prj-contract = Номер договора
prj-sum = Сумма договора
prj-paid = Оплачено
prj-planned = Плановые сроки
prj-actual = Фактические сроки
prj-timeline = Этапы работ
prj-no-milestones = Этапы не внесены.
prj-milestone-late = срок прошёл
prj-payments = Платежи
prj-no-payments = Платежи не внесены.
prj-documents = Документы и фото
prj-no-documents = Документов пока нет.
prj-file-add = Добавить документ или фото
prj-file-hint = PDF, PNG или JPEG, не больше 5 МБ.
prj-file-submit = Загрузить
prj-acceptance = Приёмка группой надзора
prj-no-acceptance = Члены группы надзора ещё не подписали приёмку.
prj-group-link = Группа надзора этого цикла
prj-sign = Подписать приёмку
prj-sign-submit = Подписать
prj-field-verdict = Ваше решение
prj-field-remarks = Замечания (публикуются)
prj-verdict-accepted = Принято
prj-verdict-remarks = Принято с замечаниями
prj-verdict-not_accepted = Не принято
prj-reports = Отчёты жителей о мониторинге
prj-no-reports = Отчётов пока нет.
prj-report-due = Акимат должен ответить до { $date } (10 рабочих дней).
prj-report-overdue = Ответ просрочен: срок был { $date } (просрочено дней: { $days }).
prj-answer = Ответ акимата
prj-field-answer = Ответ
prj-answer-submit = Опубликовать ответ
prj-report-new = Сообщить о ходе работ
prj-field-judgement = Как идут работы?
prj-judgement-not_started = Не начаты
prj-judgement-poor_quality = Плохое качество
prj-judgement-done_well = Сделано хорошо
prj-field-body = Что вы увидели
prj-field-lat = Широта (необязательно)
prj-field-lon = Долгота (необязательно)
prj-field-photos = Фото (необязательно)
prj-photo-hint = До 3 фото, PNG или JPEG, не больше 5 МБ каждое.
prj-report-submit = Отправить отчёт
prj-report-login = Войдите, чтобы сообщить о ходе работ.
prj-report-not-resident = Сообщать о проектах могут только жители этой территории.
prj-edit = Договор и сроки
prj-field-contractor = Наименование подрядчика
prj-field-bin = БИН подрядчика
prj-field-contract = Номер договора
prj-field-sum = Сумма договора, тенге
prj-field-planned-start = Плановое начало
prj-field-planned-end = Плановое окончание
prj-field-actual-start = Фактическое начало
prj-field-actual-end = Фактическое окончание
prj-save = Сохранить
prj-milestone-add = Добавить этап
prj-field-ms-title = Этап
prj-field-ms-due = Срок
prj-field-progress = Выполнение, %
prj-milestone-submit = Добавить этап
prj-payment-add = Внести платёж
prj-field-pay-date = Дата
prj-field-pay-amount = Сумма, тенге
prj-field-pay-note = Примечание
prj-payment-submit = Внести платёж
prj-log = Журнал изменений
prj-no-log = Пока ничего не внесено.
prj-log-record = Договор и сроки
prj-log-milestone = Добавлен этап
prj-log-progress = Выполнение
prj-log-payment = Платёж
prj-log-file = Документ
prj-log-acceptance_accepted = Приёмка: принято
prj-log-acceptance_remarks = Приёмка: принято с замечаниями
prj-log-acceptance_not_accepted = Приёмка: не принято
prj-log-answer = Ответ на отчёт
prj-json = Этот проект в JSON
prj-saved = Сведения о реализации сохранены.
prj-milestone-added = Этап добавлен.
prj-progress-saved = Выполнение сохранено.
prj-payment-added = Платёж внесён.
prj-file-added = Файл загружен.
prj-signed = Ваша подпись внесена.
prj-report-filed = Отчёт отправлен. Акимат должен ответить в течение 10 рабочих дней.
prj-answered = Ответ опубликован.
prj-group-saved = Группа надзора сохранена.
prj-holidays-saved = Календарь сохранён.
prj-err-required = Заполните это поле.
prj-err-bin = Это не БИН: нужно 12 цифр с верной контрольной цифрой.
prj-err-amount = Укажите сумму в целых тенге, например 2 500 000.
prj-err-date = Укажите дату в виде ДД.ММ.ГГГГ (например, 17.11.2027).
prj-err-order = Окончание не может быть раньше начала.
prj-err-percent = Укажите число от 0 до 100.
prj-err-coordinates = Укажите обе координаты числами (широта −90…90, долгота −180…180) или ни одной.
prj-err-verdict = Выберите решение.
prj-err-remarks = Напишите замечания: они обязательны, если работа не принята без замечаний.
prj-err-judgement = Выберите, как идут работы.
prj-err-too-long = Текст слишком длинный (не больше 4 000 знаков).
prj-err-answered = На этот отчёт уже ответили.
prj-err-group-full = В группе надзора уже 7 членов.
prj-err-not-weekend = Рабочим днём при переносе может быть только суббота или воскресенье.
prj-upload-err-size = Файл слишком большой (не больше 5 МБ, не больше 3 фото к отчёту). Ничего не сохранено.
prj-upload-err-type = Принимаются только PDF, PNG и JPEG (фото — PNG или JPEG). Ничего не сохранено.
prj-upload-err-empty = Файл не получен. Ничего не сохранено.
prj-group = Группа надзора
prj-group-about = От 5 до 7 жителей, избранных на сходе, следят за расходованием средств и подписывают приёмку работ.
prj-group-elected = Избрана { $date }: { $gathering }
prj-group-size = { $count ->
    [one] { $count } член группы
    [few] { $count } члена группы
   *[many] { $count } членов группы
}
prj-group-too-small = В группе надзора должно быть не меньше 5 членов.
prj-group-add = Добавить члена группы
prj-field-elected-on = Дата избрания
prj-field-gathering = Сход, избравший группу
prj-holidays = Праздники и переносы дней
prj-holidays-about = По этой таблице считаются все сроки в рабочих днях (например, 10 дней на ответ на отчёт).
prj-holidays-of = Праздничные дни { $year } года
prj-holidays-none = На этот год праздники не внесены.
prj-holiday-carries = переносится на следующий рабочий день, если выпадает на выходной
prj-holiday-fixed = не переносится
prj-remove = Удалить
prj-transfers = Переносы дней
prj-transfers-none = Переносы не внесены.
prj-transfer-line = { $off } — выходной, вместо него рабочий день { $work }
prj-holiday-add = Добавить праздник
prj-field-day = Дата
prj-field-carries = Переносится на следующий рабочий день, если выпадает на выходной
prj-transfer-add = Добавить перенос
prj-field-day-off = Выходной день
prj-field-working-day = Рабочий выходной вместо него
acc-title = Что должны жителям
acc-territory-link = Что акимат должен жителям
acc-about = Что причитается жителям здесь и ниже: отчёты мониторинга без ответа, инициативы, ждущие ответа, итоговые документы общественного контроля, ещё не доставленные государственному органу, и рекомендации, ждущие его мотивированного ответа; сначала самые новые сроки. Просрочка считается в календарных днях.
acc-overdue-count = { $count ->
    [one] Просрочен { $count } пункт
    [few] Просрочено { $count } пункта
   *[many] Просрочено { $count } пунктов
}
acc-empty = Сейчас никто ничего не должен.
acc-col-what = Что
acc-col-due = Срок
acc-col-overdue = Просрочка
acc-days-overdue = { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
}
acc-not-due = срок не наступил
acc-kind-report = Отчёт мониторинга
acc-kind-initiative = Гражданская инициатива
acc-kind-recommendation = Рекомендация общественного контроля
acc-kind-delivery = Доставка итогового документа общественного контроля
acc-json = Этот список в JSON
