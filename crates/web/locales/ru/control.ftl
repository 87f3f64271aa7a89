## Общественный контроль (Закон от 2 октября 2023 года)
control-territory-link = Мероприятия общественного контроля
control-list-title = Общественный контроль
control-list-title-in = { $territory }: общественный контроль
control-list-intro = Граждане и некоммерческие организации проверяют работу государственных органов: общественный мониторинг, общественные слушания, общественная экспертиза и заслушивание отчёта. Орган получает итоговый документ в течение 7 рабочих дней и отвечает на каждую рекомендацию с обоснованием в течение 10 рабочих дней.
control-overdue = Просрочено
control-none = Пока ничего нет.
control-new-title = Зарегистрировать мероприятие общественного контроля
control-new-intro = Укажите государственный орган, работу которого вы проверяете, даты и участников. Мероприятие можно провести от своего имени или от имени некоммерческой организации.
control-field-title = Тема
control-field-kind = Форма общественного контроля
control-field-body = Государственный орган
control-body-hint = Акимат, аппарат акима или другой государственный орган территории «{ $territory }», работы которого касается мероприятие.
control-field-territory = Территория
control-field-starts = Дата начала
control-field-ends = Дата окончания
control-field-participants = Участники
control-one-per-line = По одному в строке.
control-ngo-legend = От имени организации (необязательно)
control-ngo-hint = Заполните оба поля, если мероприятие проводит некоммерческая организация.
control-field-ngo-name = Название организации
control-field-ngo-bin = БИН организации
control-register = Зарегистрировать мероприятие
control-registered = Мероприятие зарегистрировано.
control-kind-monitoring = Общественный мониторинг
control-kind-hearing = Общественные слушания
control-kind-expertise = Общественная экспертиза
control-kind-report_hearing = Заслушивание отчёта
control-err-title = Тема должна содержать от 5 до 200 символов.
control-err-kind = Выберите форму общественного контроля.
control-err-body = Укажите государственный орган (от 3 до 300 символов).
control-err-date = Укажите дату в виде ДД.ММ.ГГГГ (например, 17.11.2027).
control-err-ends = Дата окончания не может быть раньше даты начала.
control-err-participants = Перечислите участников, по одному в строке (не более 100).
control-err-ngo-name = Введите название организации (от 2 до 300 символов).
control-err-bin = Этот БИН недействителен: в нём 12 цифр, и последняя должна совпадать. Проверьте, нет ли опечатки.
control-organiser = Организатор
control-bin = БИН { $bin }
control-dates = Даты
control-stage-registered = Зарегистрировано; итоговый документ ещё не опубликован
control-stage-document = Итоговый документ опубликован, но ещё не вручён органу
control-stage-delivered = Вручено органу; ожидаются ответы
control-stage-hearing = Назначены слушания по ответу
control-doc-protocol = Протокол
control-doc-conclusion = Заключение
control-document-title = Итоговый документ
control-document-hint = Опубликуйте протокол или заключение с рекомендациями. Государственный орган должен получить его в течение 7 рабочих дней.
control-field-doc-kind = Вид документа
control-field-doc-text = Текст документа
control-recommendations = Рекомендации
control-document-submit = Опубликовать итоговый документ
control-document-published = Итоговый документ опубликован.
control-err-doc-kind = Выберите протокол или заключение.
control-err-doc-text = Напишите текст документа (не менее 20 символов).
control-err-recommendations = Напишите хотя бы одну рекомендацию, по одной в строке (не более 50, каждая до 2000 символов).
control-err-document-exists = Итоговый документ уже опубликован.
control-err-no-document = Итоговый документ ещё не опубликован.
control-delivery = Вручение органу:
control-delivery-title = Отметить вручение государственному органу
control-field-delivered = Дата получения документа органом
control-delivery-submit = Отметить вручение
control-delivery-recorded = Вручение отмечено; начался срок ответа в 10 рабочих дней.
control-delivered-on = вручено { $date }
control-delivered-late = { $days ->
    [one] с опозданием на { $days } рабочий день
    [few] с опозданием на { $days } рабочих дня
   *[other] с опозданием на { $days } рабочих дней
}
control-err-delivery-date = Дата должна быть не раньше { $date } и не позже сегодняшнего дня.
control-rec-not-delivered = Ещё не вручено органу.
control-due-today = Срок — { $date }: последний день сегодня.
control-days-left = Срок — { $date }: { $days ->
    [one] остался { $days } рабочий день
    [few] осталось { $days } рабочих дня
   *[other] осталось { $days } рабочих дней
}.
control-overdue-by = Срок — { $date }: просрочено на { $days ->
    [one] { $days } рабочий день
    [few] { $days } рабочих дня
   *[other] { $days } рабочих дней
}.
control-answer = Ответ органа:
control-answered-on = ответ дан { $date }
control-answered-late = { $days ->
    [one] с опозданием на { $days } рабочий день
    [few] с опозданием на { $days } рабочих дня
   *[other] с опозданием на { $days } рабочих дней
}
control-field-answer = Обоснованный ответ на эту рекомендацию
control-answer-submit = Опубликовать ответ
control-answered = Ответ опубликован.
control-err-answer = Напишите обоснованный ответ (не менее 10 символов).
control-err-not-delivered = Документ ещё не вручён органу.
control-err-answered-already = На эту рекомендацию уже дан ответ.
control-hearing = Слушания по ответу
control-hearing-title = Назначить слушания по ответу
control-hearing-hint = Участников и орган нужно известить не менее чем за 3 рабочих дня до слушаний.
control-field-hearing-date = Дата слушаний
control-field-place = Место
control-hearing-submit = Назначить слушания
control-hearing-scheduled = Слушания назначены.
control-err-place = Укажите место (от 3 до 300 символов).
control-err-notice = О слушаниях нужно известить не менее чем за 3 рабочих дня: самая ранняя дата — { $date }.
