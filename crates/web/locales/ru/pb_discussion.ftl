## People's Participation Budget: discussion, moderation, meetings, notices to authors
pbd-comments = Обсуждение
pbd-comments-count = { $count ->
    [one] { $count } комментарий
    [few] { $count } комментария
   *[many] { $count } комментариев
}
pbd-comments-all = Все комментарии
pbd-comment-label = Ваш комментарий
pbd-comment-hint = Простой текст, до 1000 знаков. Будьте вежливы: модератор скрывает оскорбления и персональные данные, всегда указывая причину.
pbd-comment-send = Отправить комментарий
pbd-comment-login = Войдите, чтобы написать комментарий
pbd-comment-added = Ваш комментарий опубликован.
pbd-hidden-by-moderator = скрыто модератором: { $reason }
pbd-err-not-admitted = Обсуждаются только предложения, допущенные экспертным советом к голосованию.
pbd-err-not-yet = Комментарии откроются, когда начнётся этап обсуждения.
pbd-err-closed = Голосование завершено, приём комментариев закрыт.
pbd-err-not-resident = Обсуждать это предложение могут только жители этой территории.
pbd-err-length = Текст должен содержать от { $min } до { $max } знаков.
pbd-err-reason = Укажите причину: от { $min } до { $max } знаков.
pbd-err-already = Другой модератор уже изменил этот комментарий; его текущее состояние показано выше.
pbd-moderate = Модерировать
pbd-moderate-title = Модерация комментария
pbd-hide = Скрыть комментарий
pbd-hide-reason = Причина скрытия (её увидят все)
pbd-hide-hint = Вместо текста комментария будет показана причина модератора. Каждое действие записывается в открытый журнал.
pbd-restore = Вернуть комментарий
pbd-restore-reason = Причина возврата (необязательно)
pbd-comment-hidden = Комментарий скрыт, причина опубликована.
pbd-comment-restored = Комментарий возвращён.
pbd-log-title = Журнал модерации
pbd-log-intro = Все действия модераторов по скрытию и возврату комментариев: кто, когда и почему.
pbd-log-none = Действий модерации пока не было.
pbd-log-when = Время и модератор
pbd-log-act = Действие
pbd-log-reason = Причина
pbd-log-hide = Комментарий скрыт
pbd-log-restore = Комментарий возвращён
pbd-page-of = Страница { $page } из { $pages }
pbd-page-earlier = Более ранние комментарии
pbd-page-later = Более поздние комментарии
pbd-back-to-proposal = Вернуться к предложению
pbd-notices-link = Уведомления: мои инициативы и предложения
pbd-notice-admit = экспертный совет допустил ваше предложение к голосованию.
pbd-notice-reject = экспертный совет отклонил ваше предложение; причина опубликована на странице предложения.
pbd-notice-return = экспертный совет вернул ваше предложение на доработку: теперь вы можете изменить его и снова отправить совету.
pbd-notice-merge = экспертный совет объединил ваше предложение с другим.
pbd-notice-hidden = модератор скрыл комментарий в обсуждении предложения: { $reason }
pbd-meetings = Встречи с жителями
pbd-meetings-none = Встреч пока не записано.
pbd-meeting-new = Записать встречу
pbd-meeting-title = Встреча с жителями
pbd-meeting-date = Дата
pbd-meeting-village = Село
pbd-meeting-place = Место проведения
pbd-meeting-attendance = Число участников
pbd-meeting-attendance-count = { $count ->
    [one] { $count } участник
    [few] { $count } участника
   *[many] { $count } участников
}
pbd-meeting-minutes = Протокол
pbd-meeting-proposals = Обсуждённые предложения
pbd-meeting-proposals-none = К этой встрече не привязано ни одного предложения.
pbd-meeting-save = Сохранить встречу
pbd-meeting-recorded = Встреча записана.
pbd-err-village = Выберите село на территории цикла.
pbd-err-date = Укажите дату в виде ДД.ММ.ГГГГ (например, 17.11.2027).
pbd-err-future = Встречу записывают после того, как она прошла: дата не может быть позже сегодняшней.
pbd-err-attendance = Число участников должно быть целым: не меньше 1 и не больше { $max }.
pbd-err-proposal = Можно выбрать только предложения этого цикла.
