## Есеп беру
accountability-title = Тұрғындар алдындағы міндеттер
accountability-territory-link = Мемлекеттік органдардың тұрғындар алдындағы міндеттері
accountability-about = Осы аумақта және оның құрамында тұрғындарға берілуге тиіс жауаптар: жауап берілмеген мониторинг есептері, жауап күтіп тұрған бастамалар, мемлекеттік органға әлі жеткізілмеген қоғамдық бақылаудың қорытынды құжаттары және дәлелді жауап күтіп тұрған ұсынымдар; ең жаңа мерзімдер алдымен. Кешігу күнтізбелік күнмен есептеледі.
accountability-overdue-count = { $count ->
   *[other] Мерзімі өткені: { $count }
}
accountability-empty = Қазір орындалмаған міндеттер жоқ.
accountability-col-what = Не
accountability-col-due = Мерзімі
accountability-col-overdue = Кешігуі
accountability-days-overdue = { $days ->
   *[other] { $days } күн
}
accountability-not-due = мерзімі әлі келген жоқ
accountability-kind-report = Мониторинг есебі
accountability-kind-initiative = Азаматтық бастама
accountability-kind-recommendation = Қоғамдық бақылау ұсынымы
accountability-kind-delivery = Қоғамдық бақылаудың қорытынды құжатын жеткізу
accountability-json = Осы тізім JSON пішімінде
