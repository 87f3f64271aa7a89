# Сообщения: письма и SMS (пишутся на языке получателя в момент отправки) и их очередь.

messages-greeting = Здравствуйте, { $name }!
messages-valid-minutes = { $n } { $n ->
    [one] минута
    [few] минуты
   *[other] минут
}
messages-valid-days = { $n } { $n ->
    [one] день
    [few] дня
   *[other] дней
}
messages-code-sms = Qatysu: код { $digits }, { $valid }. Никому не сообщайте.
messages-code-subject-confirm-contact = Qatysu: код подтверждения контакта
messages-code-subject-reset-password = Qatysu: код для сброса пароля
messages-code-subject-slip-sign-in = Qatysu: код входа
messages-code-subject-sign-in = Qatysu: код для входа
messages-code-line-confirm-contact = Код подтверждения телефона или почты: { $digits }
messages-code-line-reset-password = Код для сброса пароля: { $digits }
messages-code-line-slip-sign-in = Код входа в Qatysu: { $digits }
messages-code-line-sign-in = Код для входа (вводится вместе с паролем): { $digits }
messages-code-subject-confirm-assisted-ballot = Qatysu: код подтверждения бюллетеня
messages-code-line-confirm-assisted-ballot = Код подтверждения бюллетеня, который координатор записывает от вашего имени в центре цифрового участия: { $digits }. Введите его сами в центре; если вы сейчас не в центре цифрового участия, никому не сообщайте код.
messages-code-what-to-do = Введите код в поле на сайте. Он действует { $valid }.
messages-code-never-share = Никому не сообщайте код: сотрудники Qatysu никогда его не спрашивают.
messages-code-not-you = Если вы не запрашивали код, просто не обращайте внимания на это письмо.
messages-event-submitted = Инициатива отправлена на проверку
messages-event-resubmitted = Инициатива снова на проверке
messages-event-published = Инициатива опубликована
messages-event-returned = Инициатива возвращена на доработку
messages-event-threshold = Инициатива набрала нужные подписи
messages-event-expired = Сбор подписей окончен, подписей мало
messages-event-answered = На инициативу дан ответ
messages-event-in-progress = Работа по инициативе начата
messages-event-implemented = Инициатива выполнена
messages-event-closed = Инициатива закрыта
messages-notice-sms = Qatysu: { $event }: «{ $title }»
messages-notice-subject = Qatysu: { $event }
messages-notice-line = Новости по инициативе «{ $title }»: { $event }.
messages-notice-link = Подробнее: { $url }
messages-notice-where = Подробнее: на странице «Мои инициативы» на сайте Qatysu.
messages-notice-why = Вы получили это сообщение, потому что участвуете в этой инициативе. Язык и способ доставки сообщений можно изменить на странице вашей учётной записи в Qatysu.
messages-prefs-title = Как с вами связываться
messages-prefs-language = Язык сообщений
messages-prefs-channel = Способ доставки
messages-prefs-channel-auto = По имеющемуся контакту (сначала почта)
messages-prefs-channel-email = Электронная почта
messages-prefs-channel-sms = SMS
messages-prefs-none = У вас нет ни телефона, ни почты: сообщения можно читать на сайте.
messages-prefs-submit = Сохранить
messages-prefs-no-contact = Чтобы получать сообщения так, сначала добавьте этот контакт.
messages-preferences-saved = Настройки сообщений сохранены.
messages-admin-link = Недоставленные сообщения
messages-admin-title = Очередь сообщений
messages-admin-counts = По состоянию
messages-admin-status-pending = В очереди
messages-admin-status-sent = Отправлено
messages-admin-status-failed = Не доставлено
messages-admin-failed = Недоставленные сообщения (новые сверху)
messages-admin-none = Недоставленных сообщений нет.
messages-admin-col-when = Когда
messages-admin-col-kind = О чём
messages-admin-col-channel = Способ
messages-admin-col-recipient = Кому
messages-admin-col-attempts = Попыток
messages-admin-col-error = Последняя ошибка
messages-admin-kind-code = Одноразовый код
messages-admin-kind-initiative-notice = Уведомление об инициативе
messages-admin-kind-other = Другое сообщение
