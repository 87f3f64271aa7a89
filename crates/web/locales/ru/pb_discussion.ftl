## People's Participation Budget: discussion, moderation, notices to authors
pb-discussion-comments = Обсуждение
pb-discussion-comments-count = { $count ->
    [one] { $count } комментарий
    [few] { $count } комментария
   *[many] { $count } комментариев
}
pb-discussion-comments-all = Все комментарии
pb-discussion-comment-label = Ваш комментарий
pb-discussion-comment-hint = Простой текст, до 1000 знаков. Будьте вежливы: модератор скрывает оскорбления и персональные данные, всегда указывая причину.
pb-discussion-comment-send = Отправить комментарий
pb-discussion-comment-login = Войдите, чтобы написать комментарий
pb-discussion-comment-added = Ваш комментарий опубликован.
pb-discussion-hidden-by-moderator = скрыто модератором: { $reason }
pb-discussion-err-not-admitted = Обсуждаются только предложения, допущенные экспертным советом к голосованию.
pb-discussion-err-not-yet = Комментарии откроются, когда начнётся этап обсуждения.
pb-discussion-err-closed = Голосование завершено, приём комментариев закрыт.
pb-discussion-err-not-resident = Обсуждать это предложение могут только жители этой территории.
pb-discussion-err-length = Текст должен содержать от { $min } до { $max ->
    [one] { $max } знака
   *[other] { $max } знаков
}.
pb-discussion-err-reason = Укажите причину: от { $min } до { $max ->
    [one] { $max } знака
   *[other] { $max } знаков
}.
pb-discussion-err-already = Другой модератор уже изменил этот комментарий; его текущее состояние показано выше.
pb-discussion-moderate = Модерировать
pb-discussion-moderate-title = Модерация комментария
pb-discussion-hide = Скрыть комментарий
pb-discussion-hide-reason = Причина скрытия (её увидят все)
pb-discussion-hide-hint = Вместо текста комментария будет показана причина модератора. Каждое действие записывается в открытый журнал.
pb-discussion-restore = Вернуть комментарий
pb-discussion-restore-reason = Причина возврата (необязательно)
pb-discussion-comment-hidden = Комментарий скрыт, причина опубликована.
pb-discussion-comment-restored = Комментарий возвращён.
pb-discussion-log-title = Журнал модерации
pb-discussion-log-intro = Все действия модераторов по скрытию и возврату комментариев: кто, когда и почему.
pb-discussion-log-none = Действий модерации пока не было.
pb-discussion-log-when = Время и модератор
pb-discussion-log-act = Действие
pb-discussion-log-reason = Причина
pb-discussion-log-hide = Комментарий скрыт
pb-discussion-log-restore = Комментарий возвращён
pb-discussion-page-of = Страница { $page } из { $pages }
pb-discussion-page-earlier = Более ранние комментарии
pb-discussion-page-later = Более поздние комментарии
pb-discussion-back-to-proposal = Вернуться к предложению
pb-discussion-notices-link = Уведомления: мои инициативы и предложения
pb-discussion-notice-admit = экспертный совет допустил ваше предложение к голосованию.
pb-discussion-notice-reject = экспертный совет отклонил ваше предложение; причина опубликована на странице предложения.
pb-discussion-notice-return = экспертный совет вернул ваше предложение на доработку: теперь вы можете изменить его и снова отправить совету.
pb-discussion-notice-merge = экспертный совет объединил ваше предложение с другим.
pb-discussion-notice-hidden = модератор скрыл комментарий в обсуждении предложения: { $reason }
