## Civic initiatives
initiatives-list-title = Civic initiatives
initiatives-list-title-in = { $territory }: civic initiatives
initiatives-list-intro = Residents write initiatives to the akim or the maslikhat, and others sign them. Once enough signatures are collected, an answer is due within a set deadline.
initiatives-territory-link = Initiatives of this territory
initiatives-none = Nothing here yet.
initiatives-search = Search (in Kazakh or Russian)
initiatives-search-submit = Search
initiatives-field-status = Status
initiatives-status-any = Any
initiatives-sort = Sort
initiatives-sort-new = Newest first
initiatives-sort-signatures = By signatures
initiatives-sort-deadline = By deadline
initiatives-feed = News feed (Atom)
initiatives-returned-count = Returned to their authors by moderators: { $count ->
    [one] { $count } initiative
   *[other] { $count } initiatives
} ({ $times ->
    [one] once
   *[other] { $times } times
} in all).
initiatives-overdue = Overdue
initiatives-overdue-list = Initiatives whose answer is overdue:
initiatives-overdue-since = Overdue: the answer was due by { $date }
initiatives-collect-until = Signatures collected until { $date } ({ $days ->
    [one] { $days } day
   *[other] { $days } days
} left)
initiatives-answer-due = The answer is due by { $date } ({ $days ->
    [one] { $days } day
   *[other] { $days } days
} left)
initiatives-progress = { $signatures } of { $required } signatures needed
initiatives-status-draft = Awaiting moderation
initiatives-status-returned = Returned to the author
initiatives-status-collecting = Collecting signatures
initiatives-status-must_consider = Must be considered
initiatives-status-answered = Answered
initiatives-status-implemented = Implemented
initiatives-status-closed = Closed
initiatives-list-status-draft = Awaiting moderation
initiatives-list-status-returned = Returned
initiatives-list-status-collecting = Collecting signatures
initiatives-list-status-must_consider = Must be considered
initiatives-list-status-answered = Answered
initiatives-list-status-implemented = Implemented
initiatives-list-status-closed = Closed
initiatives-addressee-akim = Akim
initiatives-addressee-maslikhat = Maslikhat
initiatives-closed-not_enough_signatures = Not enough signatures within the collection period
initiatives-closed-ended = The addressee marked the initiative as finished

## Submitting
initiatives-new-title = Start an initiative
initiatives-new-intro = Say what you ask for and why. Once a moderator has checked it, the initiative is published and signature collection starts.
initiatives-field-territory = Territory
initiatives-field-addressee = Addressed to
initiatives-field-title = Title
initiatives-field-ask = What is asked
initiatives-field-reasons = Why
initiatives-markdown-hint = Simple Markdown works: **bold**, *italic*, lists, links. HTML is shown as text.
initiatives-submit = Submit
initiatives-submitted = Initiative submitted. It will be published once a moderator has checked it.
initiatives-resubmitted = Initiative submitted again.
initiatives-edit = Edit the initiative
initiatives-err-territory = Choose where you live or a territory above it.
initiatives-err-addressee = Choose whom the initiative is addressed to.
initiatives-err-title = The title must be 5 to 200 characters long.
initiatives-err-ask = Describe what you ask for in at least 20 characters.
initiatives-err-reasons = Give your reasons in at least 20 characters.

## One initiative
initiatives-author = Author
initiatives-submitted-on = Submitted on
initiatives-signatures = Signatures
initiatives-deadline = Deadline
initiatives-closed-why = Why it closed
initiatives-returned-why = Returned by the moderator because:
initiatives-history = History
initiatives-villages-csv = Signatures per village (CSV)
initiatives-event-submitted = Submitted
initiatives-event-resubmitted = Edited and submitted again
initiatives-event-published = Published; signature collection started
initiatives-event-returned = Returned to the author
initiatives-event-threshold = Threshold reached: consideration is now required
initiatives-event-expired = Closed: not enough signatures
initiatives-event-answered = Official answer published
initiatives-event-in_progress = Implementation started
initiatives-event-implemented = Implemented
initiatives-event-closed = Closed

## Signing
initiatives-sign = Sign
initiatives-sign-consent = By signing you support this initiative. Your name is not published; only counts per village are shown.
initiatives-sign-login = Log in to sign.
initiatives-signed = Your signature is counted. Thank you!
initiatives-signed-online = You signed online on { $date }.
initiatives-signed-paper = Your signature was entered from a paper sheet on { $date }.
initiatives-withdraw = Withdraw my signature
initiatives-withdrawn = Your signature was withdrawn.
initiatives-sign-not-collecting = Signatures are not being collected for this initiative now.
initiatives-sign-outside = Only residents of the territory it is addressed to can sign this initiative.
initiatives-sign-too-young = In this territory initiatives can be signed only from the set age.
initiatives-sign-not-verified = Your account is not verified enough to sign. Take your identity document to a participation centre: a registrar will verify you, and then you can sign.
initiatives-sign-twice = You have already signed this initiative: one person, one signature.
initiatives-withdraw-locked = The threshold is reached or collection is over: signatures can no longer be withdrawn.
initiatives-withdraw-not-signed = You have no signature to withdraw.

## Moderation, answer, follow-up
initiatives-moderate = Moderation
initiatives-moderate-hint = Publishing starts signature collection; the threshold and deadlines come from the territory's rules.
initiatives-publish = Publish
initiatives-published = Initiative published; signature collection started.
initiatives-field-return-reason = Reason for returning it (the author sees it)
initiatives-return = Return to the author
initiatives-returned = Initiative returned to its author.
initiatives-err-reason = Give a reason of 5 to 2000 characters.
initiatives-official-answer = Official answer
initiatives-answer-title = Give the official answer
initiatives-field-answer-kind = Decision
initiatives-answer-accepted = Accepted
initiatives-answer-partly = Partly accepted
initiatives-answer-rejected = Rejected
initiatives-field-answer-text = Answer and reasons
initiatives-field-decision-url = Link to the decision
initiatives-field-plan = What will be done:
initiatives-field-plan-due = By when
initiatives-plan-due = To be done by { $date }
initiatives-decision-link = The decision
initiatives-answer-submit = Publish the answer
initiatives-answered = Official answer published. Every signer has been notified.
initiatives-err-answer-kind = Choose the decision.
initiatives-err-answer-text = Write an answer of at least 10 characters.
initiatives-err-url = The link must start with http:// or https://.
initiatives-err-date = Enter the date as DD.MM.YYYY (for example 17.11.2027).
initiatives-followup-title = What happened after the answer
initiatives-field-step = Step
initiatives-followup-in_progress = Being implemented
initiatives-followup-implemented = Implemented
initiatives-followup-closed = Finished; nothing more will be done
initiatives-field-note = Note
initiatives-followup-submit = Save
initiatives-followed-up = New step recorded. Every signer has been notified.
initiatives-err-step = Choose the step.
initiatives-err-note = Write a note of 5 to 2000 characters.
initiatives-refused-not-awaiting-moderation = Only an initiative awaiting moderation can be published or returned.
initiatives-refused-not-returned = Only an initiative returned to its author can be submitted again.
initiatives-refused-not-collecting = Signatures are not being collected for this initiative.
initiatives-refused-not-must-consider = Only an initiative that must be considered can be answered.
initiatives-refused-not-answered = Follow-ups are recorded only after the official answer.
initiatives-refused-rejected-not-implementable = A rejected initiative cannot be marked implemented.
initiatives-refused-finished = The initiative is finished: it can no longer change.

## Paper signature sheets
initiatives-paper-enter = Enter paper sheets
initiatives-paper-title = Entering signatures from paper sheets
initiatives-paper-intro = Each sheet is typed in separately by two different coordinators. The two entries are compared line by line: only identical lines are accepted, the others are listed. IINs are not stored as typed, only as irreversible hashes.
initiatives-paper-sheet = Sheet number
initiatives-paper-rows = Lines
initiatives-paper-rows-hint = One person per line: full name; IIN; village (KATO code or name); date (2026-11-20 or 20.11.2026).
initiatives-paper-submit = Enter
initiatives-paper-line = Line { $line }: { $error }
initiatives-paper-err-columns = there must be four columns: name; IIN; village; date.
initiatives-paper-err-name = the name is missing.
initiatives-paper-err-iin = the IIN is not valid.
initiatives-paper-err-date = the date is not valid or is in the future.
initiatives-paper-err-village = the village is not in this initiative's territory.
initiatives-paper-err-age = the signer is below the set age.
initiatives-paper-err-sheet = Give the sheet number (up to 40 characters).
initiatives-paper-err-empty = Enter at least one line.
initiatives-paper-awaiting = Sheet { $sheet } saved. Another coordinator must now type it in again.
initiatives-paper-same-person = The second entry must be made by another coordinator.
initiatives-paper-done = Sheet { $sheet } has already been entered twice.
initiatives-paper-result = Sheet compared. Signatures accepted: { $accepted }. Already signed online (flagged, counted once): { $flagged }. Not counted because collection is over: { $late }.
initiatives-paper-mismatched = The two entries differ on lines { $lines }. Check the sheet again.

## Thresholds
initiatives-rules-title = Signature rules for initiatives
initiatives-rules-own = This territory's own rules apply.
initiatives-rules-inherited = The rules of { $territory } apply.
initiatives-rules-default = The platform's default rules apply (2% of the population, 6 months, 30 days).
initiatives-rules-required = Threshold now: { $count ->
    [one] { $count } signature
   *[other] { $count } signatures
}.
initiatives-rules-share = Share of the population, % (empty: not used)
initiatives-rules-fixed = Fixed number of signatures (empty: not used)
initiatives-rules-floor = At least
initiatives-rules-min-age = Youngest age to sign
initiatives-rules-min-verification = Who may sign
initiatives-rules-months = Collection period, months
initiatives-rules-days = Answer deadline, days
initiatives-rules-save = Save
initiatives-rules-saved = Rules saved. Initiatives already published keep their threshold.
initiatives-err-number = Enter a whole number.
initiatives-err-rule-no-basis = Give a share, a fixed number, or both.
initiatives-err-rule-share = The share cannot exceed 100%.
initiatives-err-rule-period = The collection period must be 1 to 24 months.
initiatives-err-rule-consider = The answer deadline must be 1 to 365 days.

## The signer's page
initiatives-mine-title = My initiatives and signatures
initiatives-mine-notices = Notices
initiatives-mine-signed = Initiatives I signed
initiatives-mine-written = Initiatives I wrote

## Paper signature sheet (PDF)
initiatives-sheet-link = Signature sheet (PDF to print)
initiatives-sheet-heading = Signature sheet of a civic initiative
initiatives-sheet-territory = Territory: { $territory } · Addressed to: { $addressee }
initiatives-sheet-threshold = Signatures needed for consideration: { $required }.
initiatives-sheet-col-name = Full name
initiatives-sheet-col-iin = IIN
initiatives-sheet-col-village = Village
initiatives-sheet-col-date = Date
initiatives-sheet-col-signature = Signature
initiatives-sheet-footer = By signing I support the initiative and agree that my data is used only to check signatures. Hand the filled sheet to the coordinator at the office of the rural okrug akim.

initiatives-attachments = Attachments
initiatives-attach-size = { $kb } KB
initiatives-attach-add = Attach a file
initiatives-attach-hint = PDF, JPEG or PNG, up to 5 MB; at most 5 files.
initiatives-attach-submit = Attach
initiatives-attach-added = The file has been attached.
initiatives-attach-err-size = The file is larger than 5 MB; nothing was saved.
initiatives-attach-err-type = Only PDF, JPEG and PNG files can be attached; nothing was saved.
initiatives-attach-err-empty = Choose a file to attach.
initiatives-attach-err-count = An initiative can have at most 5 attachments.
initiatives-err-level = Choose who may sign from the list: at least residents with a confirmed phone or e-mail.
