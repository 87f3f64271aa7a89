## Civic initiatives (гражданская инициатива)
initiatives-list-title = Гражданские инициативы
initiatives-list-title-in = { $territory }: гражданские инициативы
initiatives-list-intro = Жители направляют инициативы акиму или в маслихат, другие их подписывают. Когда набирается нужное число подписей, ответ должен быть дан в установленный срок.
initiatives-territory-link = Инициативы этой территории
initiatives-none = Пока ничего нет.
initiatives-search = Поиск (на казахском или русском)
initiatives-search-submit = Найти
initiatives-field-status = Статус
initiatives-status-any = Любой
initiatives-sort = Сортировка
initiatives-sort-new = Сначала новые
initiatives-sort-signatures = По числу подписей
initiatives-sort-deadline = По сроку
initiatives-feed = Лента новостей (Atom)
initiatives-returned-count = Возвращено модератором авторам: { $count ->
    [one] { $count } инициатива
    [few] { $count } инициативы
   *[many] { $count } инициатив
} (всего { $times ->
    [one] { $times } раз
    [few] { $times } раза
   *[many] { $times } раз
}).
initiatives-overdue = Просрочено
initiatives-overdue-list = Инициативы, по которым просрочен ответ:
initiatives-overdue-since = Просрочено: ответ должен был быть дан до { $date }
initiatives-collect-until = Сбор подписей до { $date } ({ $days ->
    [one] остался { $days } день
    [few] осталось { $days } дня
   *[many] осталось { $days } дней
})
initiatives-answer-due = Ответ должен быть дан до { $date } ({ $days ->
    [one] остался { $days } день
    [few] осталось { $days } дня
   *[many] осталось { $days } дней
})
initiatives-progress = { $count ->
    [one] { $signatures } подпись
    [few] { $signatures } подписи
   *[many] { $signatures } подписей
} из { $required ->
    [one] { $required } необходимой
   *[other] { $required } необходимых
}
initiatives-status-draft = Ожидает модерации
initiatives-status-returned = Возвращена автору
initiatives-status-collecting = Идёт сбор подписей
initiatives-status-must_consider = Обязательна к рассмотрению
initiatives-status-answered = Дан ответ
initiatives-status-implemented = Реализована
initiatives-status-closed = Закрыта
initiatives-list-status-draft = Ожидают модерации
initiatives-list-status-returned = Возвращённые
initiatives-list-status-collecting = Идёт сбор подписей
initiatives-list-status-must_consider = Обязательны к рассмотрению
initiatives-list-status-answered = С ответом
initiatives-list-status-implemented = Реализованные
initiatives-list-status-closed = Закрытые
initiatives-addressee-akim = Аким
initiatives-addressee-maslikhat = Маслихат
initiatives-closed-not_enough_signatures = За отведённый срок не набралось достаточно подписей
initiatives-closed-ended = Адресат отметил инициативу как завершённую

## Submitting
initiatives-new-title = Подать инициативу
initiatives-new-intro = Напишите, о чём вы просите и почему. После проверки модератором инициатива будет опубликована и начнётся сбор подписей.
initiatives-field-territory = Территория
initiatives-field-addressee = Адресат
initiatives-field-title = Название
initiatives-field-ask = О чём просим
initiatives-field-reasons = Обоснование
initiatives-markdown-hint = Можно использовать простой Markdown: **жирный**, *курсив*, списки, ссылки. HTML показывается как текст.
initiatives-submit = Отправить
initiatives-submitted = Инициатива отправлена. Её опубликуют после проверки модератором.
initiatives-resubmitted = Инициатива отправлена повторно.
initiatives-edit = Исправить инициативу
initiatives-err-territory = Выберите место проживания или территорию выше него.
initiatives-err-addressee = Выберите адресата инициативы.
initiatives-err-title = Название должно содержать от 5 до 200 символов.
initiatives-err-ask = Опишите, о чём просите, не короче 20 символов.
initiatives-err-reasons = Напишите обоснование не короче 20 символов.

## One initiative
initiatives-author = Автор
initiatives-submitted-on = Дата подачи
initiatives-signatures = Подписи
initiatives-deadline = Срок
initiatives-closed-why = Причина закрытия
initiatives-returned-why = Причина возврата модератором:
initiatives-history = История
initiatives-villages-csv = Число подписей по сёлам (CSV)
initiatives-event-submitted = Подана
initiatives-event-resubmitted = Исправлена и подана повторно
initiatives-event-published = Опубликована, начат сбор подписей
initiatives-event-returned = Возвращена автору
initiatives-event-threshold = Набрано нужное число подписей: рассмотрение обязательно
initiatives-event-expired = Закрыта: не хватило подписей
initiatives-event-answered = Опубликован официальный ответ
initiatives-event-in_progress = Начата реализация
initiatives-event-implemented = Реализована
initiatives-event-closed = Закрыта

## Signing
initiatives-sign = Подписать
initiatives-sign-consent = Подписывая, вы поддерживаете эту инициативу. Ваше имя не публикуется; по сёлам показывается только число подписей.
initiatives-sign-login = Чтобы подписать, войдите в систему.
initiatives-signed = Ваша подпись принята. Спасибо!
initiatives-signed-online = Вы подписали онлайн { $date }.
initiatives-signed-paper = Ваша подпись внесена с бумажного листа { $date }.
initiatives-withdraw = Отозвать подпись
initiatives-withdrawn = Ваша подпись отозвана.
initiatives-sign-not-collecting = Сбор подписей по этой инициативе сейчас не идёт.
initiatives-sign-outside = Подписать эту инициативу могут только жители указанной территории.
initiatives-sign-too-young = Вы ещё не достигли возраста, с которого на этой территории можно подписывать инициативы.
initiatives-sign-not-verified = Подписывать эту инициативу могут только жители с подтверждённой учётной записью. Придите с удостоверением личности в центр цифрового участия: регистратор подтвердит вас, и вы сможете подписать.
initiatives-sign-twice = Вы уже подписали эту инициативу: один человек — одна подпись.
initiatives-withdraw-locked = Нужное число подписей набрано или сбор завершён: подписи больше нельзя отозвать.
initiatives-withdraw-not-signed = У вас нет подписи, которую можно отозвать.

## Moderation, answer, follow-up
initiatives-moderate = Модерация
initiatives-moderate-hint = После публикации начнётся сбор подписей; порог и сроки берутся из правил территории.
initiatives-publish = Опубликовать
initiatives-published = Инициатива опубликована, сбор подписей начат.
initiatives-field-return-reason = Причина возврата (увидит автор)
initiatives-return = Вернуть автору
initiatives-returned = Инициатива возвращена автору.
initiatives-err-reason = Укажите причину длиной от 5 до 2000 символов.
initiatives-official-answer = Официальный ответ
initiatives-answer-title = Дать официальный ответ
initiatives-field-answer-kind = Решение
initiatives-answer-accepted = Принято
initiatives-answer-partly = Принято частично
initiatives-answer-rejected = Отклонено
initiatives-field-answer-text = Текст ответа и причины
initiatives-field-decision-url = Ссылка на решение
initiatives-field-plan = Что будет сделано:
initiatives-field-plan-due = К какому сроку
initiatives-plan-due = Срок исполнения: { $date }
initiatives-decision-link = Текст решения
initiatives-answer-submit = Опубликовать ответ
initiatives-answered = Официальный ответ опубликован. Все подписавшие уведомлены.
initiatives-err-answer-kind = Выберите решение.
initiatives-err-answer-text = Напишите ответ не короче 10 символов.
initiatives-err-url = Ссылка должна начинаться с http:// или https://.
initiatives-err-date = Укажите дату в виде ДД.ММ.ГГГГ (например, 17.11.2027).
initiatives-followup-title = Что было после ответа
initiatives-field-step = Этап
initiatives-followup-in_progress = Реализуется
initiatives-followup-implemented = Реализована
initiatives-followup-closed = Завершена, дальше ничего не будет
initiatives-field-note = Пояснение
initiatives-followup-submit = Сохранить
initiatives-followed-up = Новый этап записан. Все подписавшие уведомлены.
initiatives-err-step = Выберите этап.
initiatives-err-note = Напишите пояснение длиной от 5 до 2000 символов.
initiatives-refused-not-awaiting-moderation = Опубликовать или вернуть можно только инициативу, ожидающую модерации.
initiatives-refused-not-returned = Повторно подать можно только инициативу, возвращённую автору.
initiatives-refused-not-collecting = Сбор подписей по этой инициативе не идёт.
initiatives-refused-not-must-consider = Ответить можно только на инициативу, обязательную к рассмотрению.
initiatives-refused-not-answered = Этапы после ответа записываются только после официального ответа.
initiatives-refused-rejected-not-implementable = Отклонённую инициативу нельзя отметить как реализованную.
initiatives-refused-finished = Инициатива завершена: изменить её больше нельзя.

## Paper signature sheets
initiatives-paper-enter = Внести бумажные листы
initiatives-paper-title = Ввод подписей с бумажных листов
initiatives-paper-intro = Каждый лист вносят два разных координатора по отдельности. Два ввода сверяются построчно: принимаются только совпавшие строки, несовпавшие перечисляются. ИИН не хранится в открытом виде, только как необратимый хеш.
initiatives-paper-sheet = Номер листа
initiatives-paper-rows = Строки
initiatives-paper-rows-hint = Одна строка — один человек: ФИО; ИИН; село (код КАТО или название); дата (2026-11-20 или 20.11.2026).
initiatives-paper-submit = Внести
initiatives-paper-line = Строка { $line }: { $error }
initiatives-paper-err-columns = должно быть четыре столбца: ФИО; ИИН; село; дата.
initiatives-paper-err-name = не указано ФИО.
initiatives-paper-err-iin = неверный ИИН.
initiatives-paper-err-date = неверная или ещё не наступившая дата.
initiatives-paper-err-village = село не найдено на территории этой инициативы.
initiatives-paper-err-age = подписавший не достиг установленного возраста.
initiatives-paper-err-sheet = Укажите номер листа (до 40 символов).
initiatives-paper-err-empty = Внесите хотя бы одну строку.
initiatives-paper-awaiting = Лист { $sheet } сохранён. Теперь его должен внести повторно другой координатор.
initiatives-paper-same-person = Второй ввод должен сделать другой координатор.
initiatives-paper-done = Лист { $sheet } уже внесён дважды.
initiatives-paper-result = Лист сверен. Принято подписей: { $accepted }. Уже подписали онлайн (отмечено, засчитано один раз): { $flagged }. Не засчитано, так как сбор завершён: { $late }.
initiatives-paper-mismatched = Два ввода не совпали в строках: { $lines }. Проверьте лист ещё раз.

## Thresholds
initiatives-rules-title = Правила сбора подписей под инициативами
initiatives-rules-own = Действуют собственные правила этой территории.
initiatives-rules-inherited = Действуют правила территории «{ $territory }».
initiatives-rules-default = Действуют правила платформы по умолчанию (2% населения, 6 месяцев, 30 дней).
initiatives-rules-required = Сейчас порог: { $count ->
    [one] { $count } подпись
    [few] { $count } подписи
   *[many] { $count } подписей
}.
initiatives-rules-share = Доля населения, % (пусто — не применяется)
initiatives-rules-fixed = Фиксированное число подписей (пусто — не применяется)
initiatives-rules-floor = Не меньше чем
initiatives-rules-min-age = Минимальный возраст подписавшего
initiatives-rules-min-verification = Кто может подписывать
initiatives-rules-months = Срок сбора подписей, месяцев
initiatives-rules-days = Срок ответа, дней
initiatives-rules-save = Сохранить
initiatives-rules-saved = Правила сохранены. Порог уже опубликованных инициатив не меняется.
initiatives-err-number = Укажите целое число.
initiatives-err-rule-no-basis = Укажите долю, фиксированное число или оба.
initiatives-err-rule-share = Доля не может превышать 100%.
initiatives-err-rule-period = Срок сбора — от 1 до 24 месяцев.
initiatives-err-rule-consider = Срок ответа — от 1 до 365 дней.

## The signer's page
initiatives-mine-title = Мои инициативы и подписи
initiatives-mine-notices = Уведомления
initiatives-mine-signed = Инициативы, которые я подписал(а)
initiatives-mine-written = Инициативы, которые я написал(а)

## Paper signature sheet (PDF)
initiatives-sheet-link = Подписной лист (PDF для печати)
initiatives-sheet-heading = Подписной лист гражданской инициативы
initiatives-sheet-territory = Территория: { $territory } · Адресат: { $addressee }
initiatives-sheet-threshold = Подписей, необходимых для рассмотрения: { $required }.
initiatives-sheet-col-name = ФИО
initiatives-sheet-col-iin = ИИН
initiatives-sheet-col-village = Село
initiatives-sheet-col-date = Дата
initiatives-sheet-col-signature = Подпись
initiatives-sheet-footer = Подписываясь, поддерживаю инициативу и согласен(на) на обработку моих данных только для проверки подписей. Заполненный лист сдайте координатору в аппарате акима сельского округа.

initiatives-attachments = Приложения
initiatives-attach-size = { $kb } КБ
initiatives-attach-add = Прикрепить файл
initiatives-attach-hint = PDF, JPEG или PNG, до 5 МБ; не более 5 файлов.
initiatives-attach-submit = Прикрепить
initiatives-attach-added = Файл прикреплён.
initiatives-attach-err-size = Файл больше 5 МБ; ничего не сохранено.
initiatives-attach-err-type = Можно прикреплять только файлы PDF, JPEG и PNG; ничего не сохранено.
initiatives-attach-err-empty = Выберите файл.
initiatives-attach-err-count = К инициативе можно прикрепить не более 5 файлов.
initiatives-err-level = Выберите из списка, кто может подписывать: как минимум жители с подтверждённым телефоном или почтой.
