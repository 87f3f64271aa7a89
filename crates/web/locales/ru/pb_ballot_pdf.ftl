## Бюллетень для печати
pb-ballot-pdf-link = Бюллетень для печати (PDF)
pb-ballot-pdf-heading = Бюллетень бюджета народного участия
pb-ballot-pdf-dates = Голосование с { $start } по { $end }
pb-ballot-pdf-rule-one = Поставьте отметку в квадрате одного проекта.
pb-ballot-pdf-rule-up-to = Поставьте отметки в квадратах не более { $k ->
    [one] { $k } проекта
   *[other] { $k } проектов
}.
pb-ballot-pdf-rule-knapsack = Отметьте проекты, общая стоимость которых не превышает { $budget }.
pb-ballot-pdf-how = Впишите свой ИИН и распишитесь. Бюллетень с лишними отметками, без ИИН или подписи не учитывается. Один бюллетень на человека.
pb-ballot-pdf-col-project = Проект
pb-ballot-pdf-col-village = Село
pb-ballot-pdf-col-cost = Стоимость
pb-ballot-pdf-col-mark = Отметка
pb-ballot-pdf-field-number = № бюллетеня
pb-ballot-pdf-field-iin = ИИН
pb-ballot-pdf-field-signature = Подпись
pb-ballot-pdf-footer = Заполненный бюллетень передайте координатору бюджета народного участия или опустите в урну.
