## Подотчётность
accountability-title = Что должны жителям
accountability-territory-link = Что акимат должен жителям
accountability-about = Что причитается жителям здесь и ниже: отчёты мониторинга без ответа, инициативы, ждущие ответа, итоговые документы общественного контроля, ещё не доставленные государственному органу, и рекомендации, ждущие его мотивированного ответа; сначала самые новые сроки. Просрочка считается в календарных днях.
accountability-overdue-count = { $count ->
    [one] Просрочен { $count } пункт
    [few] Просрочено { $count } пункта
   *[many] Просрочено { $count } пунктов
}
accountability-empty = Сейчас никто ничего не должен.
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
