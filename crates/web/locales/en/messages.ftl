# Messages: e-mails and texts (written in the recipient's language when they are sent) and their queue.

messages-greeting = Hello, { $name }!
messages-valid-minutes = { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
}
messages-valid-days = { $n ->
    [one] { $n } day
   *[other] { $n } days
}
messages-code-sms = Qatysu: code { $digits }, valid { $valid }. Do not share it.
messages-code-subject-confirm-contact = Qatysu: code to confirm your contact
messages-code-subject-reset-password = Qatysu: code to reset your password
messages-code-subject-slip-sign-in = Qatysu: sign-in code
messages-code-subject-sign-in = Qatysu: code to sign in
messages-code-line-confirm-contact = Your code to confirm your phone or e-mail: { $digits }
messages-code-line-reset-password = Your code to reset your password: { $digits }
messages-code-line-slip-sign-in = Your code to sign in to Qatysu: { $digits }
messages-code-line-sign-in = Your code to sign in, typed with your password: { $digits }
messages-code-subject-confirm-assisted-ballot = Qatysu: code to confirm your ballot
messages-code-line-confirm-assisted-ballot = Your code to confirm the ballot a coordinator records for you at a participation centre: { $digits }. Type it in yourself at the centre; if you are not at a participation centre now, tell nobody the code.
messages-code-what-to-do = Type the code into the field on the site. It is valid for { $valid }.
messages-code-never-share = Do not tell anyone the code: Qatysu staff never ask for it.
messages-code-not-you = If you did not ask for a code, you can ignore this message.
messages-event-submitted = Initiative sent for review
messages-event-resubmitted = Initiative sent for review again
messages-event-published = Initiative published
messages-event-returned = Initiative returned for changes
messages-event-threshold = Initiative reached its signatures
messages-event-expired = Signing ended below the threshold
messages-event-answered = Initiative answered
messages-event-in-progress = Work on the initiative began
messages-event-implemented = Initiative implemented
messages-event-closed = Initiative closed
messages-notice-sms = Qatysu: { $event }: “{ $title }”
messages-notice-subject = Qatysu: { $event }
messages-notice-line = News of the initiative “{ $title }”: { $event }.
messages-notice-link = More: { $url }
messages-notice-where = More: on the “My initiatives” page of the Qatysu site.
messages-notice-why = You receive this because you take part in this initiative. You can change the language and the way messages reach you on your account page on Qatysu.
messages-prefs-title = How we reach you
messages-prefs-language = Language of messages
messages-prefs-channel = Way of delivery
messages-prefs-channel-auto = Whichever contact you have (e-mail first)
messages-prefs-channel-email = E-mail
messages-prefs-channel-sms = SMS
messages-prefs-none = You have neither a phone nor an e-mail: you read notices on the site.
messages-prefs-submit = Save
messages-prefs-no-contact = To be reached this way, add that contact first.
messages-preferences-saved = Your message settings have been saved.
messages-admin-link = Messages not delivered
messages-admin-title = Message queue
messages-admin-counts = By status
messages-admin-status-pending = Waiting
messages-admin-status-sent = Sent
messages-admin-status-failed = Not delivered
messages-admin-failed = Messages not delivered (newest first)
messages-admin-none = No undelivered messages.
messages-admin-col-when = When
messages-admin-col-kind = About
messages-admin-col-channel = Way
messages-admin-col-recipient = To
messages-admin-col-attempts = Attempts
messages-admin-col-error = Last error
messages-admin-kind-code = One-time code
messages-admin-kind-initiative-notice = Initiative notice
messages-admin-kind-other = Other message
