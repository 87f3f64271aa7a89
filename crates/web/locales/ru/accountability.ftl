## Подотчётность
accountability-title = Обязательства перед жителями
accountability-territory-link = Обязательства государственных органов перед жителями
accountability-about = Ответы, которые должны получить жители этой территории и входящих в неё: отчёты мониторинга без ответа, инициативы, ждущие ответа, итоговые документы общественного контроля, ещё не врученные государственному органу, и рекомендации, ждущие его мотивированного ответа; сначала самые новые сроки. Просрочка считается в календарных днях.
accountability-overdue-count = { $count ->
    [one] Просрочен { $count } пункт
    [few] Просрочено { $count } пункта
   *[many] Просрочено { $count } пунктов
}
accountability-empty = Сейчас невыполненных обязательств нет.
accountability-col-what = Что
accountability-col-due = Срок
accountability-col-overdue = Просрочка
accountability-days-overdue = { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
}
accountability-not-due = срок не наступил
accountability-kind-report = Отчёт мониторинга
accountability-kind-initiative = Гражданская инициатива
accountability-kind-recommendation = Рекомендация общественного контроля
accountability-kind-delivery = Доставка итогового документа общественного контроля
accountability-json = Этот список в JSON
