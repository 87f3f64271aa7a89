## Civic initiatives (гражданская инициатива)
nav-initiatives = Инициативы
ini-list-title = Гражданские инициативы
ini-list-title-in = { $territory }: гражданские инициативы
ini-list-intro = Жители пишут инициативы акиму или в маслихат, другие их подписывают. Когда подписей набирается достаточно, ответ обязан быть дан в установленный срок.
ini-territory-link = Инициативы этой территории
ini-none = Пока ничего нет.
ini-search = Поиск (на казахском или русском)
ini-search-submit = Найти
ini-field-status = Статус
ini-status-any = Любой
ini-sort = Сортировка
ini-sort-new = Сначала новые
ini-sort-signatures = По числу подписей
ini-sort-deadline = По сроку
ini-feed = Лента новостей (Atom)
ini-returned-count = Возвращено модератором авторам: { $count ->
    [one] { $count } инициатива
    [few] { $count } инициативы
   *[many] { $count } инициатив
} (всего { $times ->
    [one] { $times } раз
    [few] { $times } раза
   *[many] { $times } раз
}).
ini-overdue = Просрочено
ini-overdue-list = Инициативы, по которым просрочен ответ:
ini-overdue-since = Просрочено: ответ должен был быть дан до { $date }
ini-collect-until = Сбор подписей до { $date } (осталось дней: { $days })
ini-answer-due = Ответ должен быть дан до { $date } (осталось дней: { $days })
ini-progress = { $count ->
    [one] { $signatures } подпись
    [few] { $signatures } подписи
   *[many] { $signatures } подписей
} из { $required } необходимых
ini-status-draft = Ожидает модерации
ini-status-returned = Возвращена автору
ini-status-collecting = Идёт сбор подписей
ini-status-must_consider = Обязательна к рассмотрению
ini-status-answered = Дан ответ
ini-status-implemented = Реализована
ini-status-closed = Закрыта
ini-list-status-draft = Ожидают модерации
ini-list-status-returned = Возвращённые
ini-list-status-collecting = Идёт сбор подписей
ini-list-status-must_consider = Обязательны к рассмотрению
ini-list-status-answered = С ответом
ini-list-status-implemented = Реализованные
ini-list-status-closed = Закрытые
ini-addressee-akim = Аким
ini-addressee-maslikhat = Маслихат
ini-closed-not_enough_signatures = За отведённый срок не набралось достаточно подписей
ini-closed-ended = Адресат отметил инициативу как завершённую

## Submitting
ini-new-title = Написать инициативу
ini-new-intro = Напишите, о чём вы просите и почему. После проверки модератором инициатива будет опубликована и начнётся сбор подписей.
ini-field-territory = Территория
ini-field-addressee = Адресат
ini-field-title = Название
ini-field-ask = О чём просим
ini-field-reasons = Обоснование
ini-markdown-hint = Можно использовать простой Markdown: **жирный**, *курсив*, списки, ссылки. HTML показывается как текст.
ini-submit = Отправить
ini-submitted = Инициатива отправлена. Её опубликуют после проверки модератором.
ini-resubmitted = Инициатива отправлена повторно.
ini-edit = Исправить инициативу
ini-err-territory = Выберите место проживания или территорию выше него.
ini-err-addressee = Выберите адресата инициативы.
ini-err-title = Название должно содержать от 5 до 200 символов.
ini-err-ask = Опишите, о чём просите, не короче 20 символов.
ini-err-reasons = Напишите обоснование не короче 20 символов.

## One initiative
ini-author = Автор
ini-submitted-on = Дата подачи
ini-signatures = Подписи
ini-deadline = Срок
ini-closed-why = Причина закрытия
ini-returned-why = Причина возврата модератором:
ini-history = История
ini-villages-csv = Число подписей по сёлам (CSV)
ini-event-submitted = Подана
ini-event-resubmitted = Исправлена и подана повторно
ini-event-published = Опубликована, начат сбор подписей
ini-event-returned = Возвращена автору
ini-event-threshold = Набрано нужное число подписей: рассмотрение обязательно
ini-event-expired = Закрыта: не хватило подписей
ini-event-answered = Опубликован официальный ответ
ini-event-in_progress = Начата реализация
ini-event-implemented = Реализована
ini-event-closed = Закрыта

## Signing
ini-sign = Подписать
ini-sign-consent = Подписывая, вы поддерживаете эту инициативу. Ваше имя не публикуется; по сёлам показывается только число подписей.
ini-sign-login = Чтобы подписать, войдите в систему.
ini-signed = Ваша подпись принята. Спасибо!
ini-signed-online = Вы подписали онлайн { $date }.
ini-signed-paper = Ваша подпись внесена с бумажного листа { $date }.
ini-withdraw = Отозвать подпись
ini-withdrawn = Ваша подпись отозвана.
ini-sign-not-collecting = Сбор подписей по этой инициативе сейчас не идёт.
ini-sign-outside = Подписать эту инициативу могут только жители указанной территории.
ini-sign-too-young = На этой территории подписывать инициативы можно с установленного возраста.
ini-sign-not-verified = Чтобы подписать, ваша учётная запись должна быть подтверждена.
ini-sign-twice = Вы уже подписали эту инициативу: один человек — одна подпись.
ini-withdraw-locked = Нужное число подписей набрано или сбор завершён: подписи больше нельзя отозвать.
ini-withdraw-not-signed = У вас нет подписи, которую можно отозвать.

## Moderation, answer, follow-up
ini-moderate = Модерация
ini-moderate-hint = После публикации начнётся сбор подписей; порог и сроки берутся из правил территории.
ini-publish = Опубликовать
ini-published = Инициатива опубликована, сбор подписей начат.
ini-field-return-reason = Причина возврата (увидит автор)
ini-return = Вернуть автору
ini-returned = Инициатива возвращена автору.
ini-err-reason = Укажите причину длиной от 5 до 2000 символов.
ini-official-answer = Официальный ответ
ini-answer-title = Дать официальный ответ
ini-field-answer-kind = Решение
ini-answer-accepted = Принято
ini-answer-partly = Принято частично
ini-answer-rejected = Отклонено
ini-field-answer-text = Текст ответа и причины
ini-field-decision-url = Ссылка на решение
ini-field-plan = Что будет сделано:
ini-field-plan-due = К какому сроку
ini-plan-due = Срок исполнения: { $date }
ini-decision-link = Текст решения
ini-answer-submit = Опубликовать ответ
ini-answered = Официальный ответ опубликован. Все подписавшие уведомлены.
ini-err-answer-kind = Выберите решение.
ini-err-answer-text = Напишите ответ не короче 10 символов.
ini-err-url = Ссылка должна начинаться с http:// или https://.
ini-err-date = Укажите дату в виде ДД.ММ.ГГГГ (например, 17.11.2027).
ini-followup-title = Что было после ответа
ini-field-step = Этап
ini-followup-in_progress = Реализуется
ini-followup-implemented = Реализована
ini-followup-closed = Завершена, дальше ничего не будет
ini-field-note = Пояснение
ini-followup-submit = Сохранить
ini-followed-up = Новый этап записан. Все подписавшие уведомлены.
ini-err-step = Выберите этап.
ini-err-note = Напишите пояснение длиной от 5 до 2000 символов.
ini-refused-not-awaiting-moderation = Опубликовать или вернуть можно только инициативу, ожидающую модерации.
ini-refused-not-returned = Повторно подать можно только инициативу, возвращённую автору.
ini-refused-not-collecting = Сбор подписей по этой инициативе не идёт.
ini-refused-not-must-consider = Ответить можно только на инициативу, обязательную к рассмотрению.
ini-refused-not-answered = Этапы после ответа записываются только после официального ответа.
ini-refused-rejected-not-implementable = Отклонённую инициативу нельзя отметить как реализованную.
ini-refused-finished = Инициатива завершена: изменить её больше нельзя.

## Paper signature sheets
ini-paper-enter = Внести бумажные листы
ini-paper-title = Ввод подписей с бумажных листов
ini-paper-intro = Каждый лист вносят два разных координатора по отдельности. Два ввода сверяются построчно: принимаются только совпавшие строки, несовпавшие перечисляются. ИИН хранится только в виде отпечатка.
ini-paper-sheet = Номер листа
ini-paper-rows = Строки
ini-paper-rows-hint = Одна строка — один человек: ФИО; ИИН; село (код КАТО или название); дата (2026-11-20 или 20.11.2026).
ini-paper-submit = Внести
ini-paper-line = Строка { $line }: { $error }
ini-paper-err-columns = должно быть четыре столбца: ФИО; ИИН; село; дата.
ini-paper-err-name = не указано ФИО.
ini-paper-err-iin = неверный ИИН.
ini-paper-err-date = неверная или ещё не наступившая дата.
ini-paper-err-village = село не найдено на территории этой инициативы.
ini-paper-err-age = подписавший не достиг установленного возраста.
ini-paper-err-sheet = Укажите номер листа (до 40 символов).
ini-paper-err-empty = Внесите хотя бы одну строку.
ini-paper-awaiting = Лист { $sheet } сохранён. Теперь его должен внести повторно другой координатор.
ini-paper-same-person = Второй ввод должен сделать другой координатор.
ini-paper-done = Лист { $sheet } уже внесён дважды.
ini-paper-result = Лист сверен. Принято подписей: { $accepted }. Уже подписали онлайн (отмечено, засчитано один раз): { $flagged }. Не засчитано, так как сбор завершён: { $late }.
ini-paper-mismatched = Два ввода не совпали в строках: { $lines }. Проверьте лист ещё раз.

## Thresholds
ini-rules-title = Правила сбора подписей под инициативами
ini-rules-own = Действуют собственные правила этой территории.
ini-rules-inherited = Действуют правила территории { $kato }.
ini-rules-default = Действуют правила платформы по умолчанию (2% населения, 6 месяцев, 30 дней).
ini-rules-required = Сейчас порог: { $count ->
    [one] { $count } подпись
    [few] { $count } подписи
   *[many] { $count } подписей
}.
ini-rules-share = Доля населения, % (пусто — не применяется)
ini-rules-fixed = Фиксированное число подписей (пусто — не применяется)
ini-rules-floor = Не меньше чем
ini-rules-min-age = Минимальный возраст подписавшего
ini-rules-min-verification = Минимальный уровень подтверждения учётной записи
ini-rules-months = Срок сбора подписей, месяцев
ini-rules-days = Срок ответа, дней
ini-rules-save = Сохранить
ini-rules-saved = Правила сохранены. Порог уже опубликованных инициатив не меняется.
ini-err-number = Укажите целое число.
ini-err-rule-no-basis = Укажите долю, фиксированное число или оба.
ini-err-rule-share = Доля не может превышать 100%.
ini-err-rule-period = Срок сбора — от 1 до 24 месяцев.
ini-err-rule-consider = Срок ответа — от 1 до 365 дней.

## The signer's page
ini-mine-title = Мои инициативы и подписи
ini-mine-notices = Уведомления
ini-mine-signed = Инициативы, которые я подписал(а)
ini-mine-written = Инициативы, которые я написал(а)

## Paper signature sheet (PDF)
ini-sheet-link = Подписной лист (PDF для печати)
ini-sheet-heading = Подписной лист гражданской инициативы
ini-sheet-territory = Территория: { $territory } · Адресат: { $addressee }
ini-sheet-threshold = Подписей, необходимых для рассмотрения: { $required }.
ini-sheet-col-name = ФИО
ini-sheet-col-iin = ИИН
ini-sheet-col-village = Село
ini-sheet-col-date = Дата
ini-sheet-col-signature = Подпись
ini-sheet-footer = Подписываясь, поддерживаю инициативу и согласен(на) на обработку моих данных только для проверки подписей. Заполненный лист сдайте координатору в акимате сельского округа.

ini-attachments = Приложения
ini-attach-size = { $kb } КБ
ini-attach-add = Прикрепить файл
ini-attach-hint = PDF, JPEG или PNG, до 5 МБ; не более 5 файлов.
ini-attach-submit = Прикрепить
ini-attach-added = Файл прикреплён.
ini-attach-err-size = Файл больше 5 МБ; ничего не сохранено.
ini-attach-err-type = Можно прикреплять только файлы PDF, JPEG и PNG; ничего не сохранено.
ini-attach-err-empty = Выберите файл.
ini-attach-err-count = К инициативе можно прикрепить не более 5 файлов.
