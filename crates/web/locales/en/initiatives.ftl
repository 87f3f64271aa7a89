## Civic initiatives
nav-initiatives = Initiatives
ini-list-title = Civic initiatives
ini-list-title-in = { $territory }: civic initiatives
ini-list-intro = Residents write initiatives to the akim or the maslikhat, and others sign them. Once enough signatures are collected, an answer is due within a set deadline.
ini-territory-link = Initiatives of this territory
ini-none = Nothing here yet.
ini-search = Search (in Kazakh or Russian)
ini-search-submit = Search
ini-field-status = Status
ini-status-any = Any
ini-sort = Sort
ini-sort-new = Newest first
ini-sort-signatures = By signatures
ini-sort-deadline = By deadline
ini-feed = News feed (Atom)
ini-returned-count = Returned to their authors by moderators: { $count ->
    [one] { $count } initiative
   *[other] { $count } initiatives
} ({ $times ->
    [one] once
   *[other] { $times } times
} in all).
ini-overdue = Overdue
ini-overdue-list = Initiatives whose answer is overdue:
ini-overdue-since = Overdue: the answer was due by { $date }
ini-collect-until = Signatures collected until { $date } ({ $days ->
    [one] { $days } day
   *[other] { $days } days
} left)
ini-answer-due = The answer is due by { $date } ({ $days ->
    [one] { $days } day
   *[other] { $days } days
} left)
ini-progress = { $signatures } of { $required } signatures needed
ini-status-draft = Awaiting moderation
ini-status-returned = Returned to the author
ini-status-collecting = Collecting signatures
ini-status-must_consider = Must be considered
ini-status-answered = Answered
ini-status-implemented = Implemented
ini-status-closed = Closed
ini-list-status-draft = Awaiting moderation
ini-list-status-returned = Returned
ini-list-status-collecting = Collecting signatures
ini-list-status-must_consider = Must be considered
ini-list-status-answered = Answered
ini-list-status-implemented = Implemented
ini-list-status-closed = Closed
ini-addressee-akim = Akim
ini-addressee-maslikhat = Maslikhat
ini-closed-not_enough_signatures = Not enough signatures within the collection period
ini-closed-ended = The addressee marked the initiative as finished

## Submitting
ini-new-title = Write an initiative
ini-new-intro = Say what you ask for and why. Once a moderator has checked it, the initiative is published and signature collection starts.
ini-field-territory = Territory
ini-field-addressee = Addressed to
ini-field-title = Title
ini-field-ask = What is asked
ini-field-reasons = Why
ini-markdown-hint = Simple Markdown works: **bold**, *italic*, lists, links. HTML is shown as text.
ini-submit = Submit
ini-submitted = Initiative submitted. It will be published once a moderator has checked it.
ini-resubmitted = Initiative submitted again.
ini-edit = Edit the initiative
ini-err-territory = Choose where you live or a territory above it.
ini-err-addressee = Choose whom the initiative is addressed to.
ini-err-title = The title must be 5 to 200 characters long.
ini-err-ask = Describe what you ask for in at least 20 characters.
ini-err-reasons = Give your reasons in at least 20 characters.

## One initiative
ini-author = Author
ini-submitted-on = Submitted on
ini-signatures = Signatures
ini-deadline = Deadline
ini-closed-why = Why it closed
ini-returned-why = Returned by the moderator because:
ini-history = History
ini-villages-csv = Signatures per village (CSV)
ini-event-submitted = Submitted
ini-event-resubmitted = Edited and submitted again
ini-event-published = Published; signature collection started
ini-event-returned = Returned to the author
ini-event-threshold = Threshold reached: consideration is now required
ini-event-expired = Closed: not enough signatures
ini-event-answered = Official answer published
ini-event-in_progress = Implementation started
ini-event-implemented = Implemented
ini-event-closed = Closed

## Signing
ini-sign = Sign
ini-sign-consent = By signing you support this initiative. Your name is not published; only counts per village are shown.
ini-sign-login = Log in to sign.
ini-signed = Your signature is counted. Thank you!
ini-signed-online = You signed online on { $date }.
ini-signed-paper = Your signature was entered from a paper sheet on { $date }.
ini-withdraw = Withdraw my signature
ini-withdrawn = Your signature was withdrawn.
ini-sign-not-collecting = Signatures are not being collected for this initiative now.
ini-sign-outside = Only residents of the territory it is addressed to can sign this initiative.
ini-sign-too-young = In this territory initiatives can be signed only from the set age.
ini-sign-not-verified = Your account must be verified to sign.
ini-sign-twice = You have already signed this initiative: one person, one signature.
ini-withdraw-locked = The threshold is reached or collection is over: signatures can no longer be withdrawn.
ini-withdraw-not-signed = You have no signature to withdraw.

## Moderation, answer, follow-up
ini-moderate = Moderation
ini-moderate-hint = Publishing starts signature collection; the threshold and deadlines come from the territory's rules.
ini-publish = Publish
ini-published = Initiative published; signature collection started.
ini-field-return-reason = Reason for returning it (the author sees it)
ini-return = Return to the author
ini-returned = Initiative returned to its author.
ini-err-reason = Give a reason of 5 to 2000 characters.
ini-official-answer = Official answer
ini-answer-title = Give the official answer
ini-field-answer-kind = Decision
ini-answer-accepted = Accepted
ini-answer-partly = Partly accepted
ini-answer-rejected = Rejected
ini-field-answer-text = Answer and reasons
ini-field-decision-url = Link to the decision
ini-field-plan = What will be done:
ini-field-plan-due = By when
ini-plan-due = To be done by { $date }
ini-decision-link = The decision
ini-answer-submit = Publish the answer
ini-answered = Official answer published. Every signer has been notified.
ini-err-answer-kind = Choose the decision.
ini-err-answer-text = Write an answer of at least 10 characters.
ini-err-url = The link must start with http:// or https://.
ini-err-date = Enter the date as DD.MM.YYYY (for example 17.11.2027).
ini-followup-title = What happened after the answer
ini-field-step = Step
ini-followup-in_progress = Being implemented
ini-followup-implemented = Implemented
ini-followup-closed = Finished; nothing more will be done
ini-field-note = Note
ini-followup-submit = Save
ini-followed-up = New step recorded. Every signer has been notified.
ini-err-step = Choose the step.
ini-err-note = Write a note of 5 to 2000 characters.
ini-refused-not-awaiting-moderation = Only an initiative awaiting moderation can be published or returned.
ini-refused-not-returned = Only an initiative returned to its author can be submitted again.
ini-refused-not-collecting = Signatures are not being collected for this initiative.
ini-refused-not-must-consider = Only an initiative that must be considered can be answered.
ini-refused-not-answered = Follow-ups are recorded only after the official answer.
ini-refused-rejected-not-implementable = A rejected initiative cannot be marked implemented.
ini-refused-finished = The initiative is finished: it can no longer change.

## Paper signature sheets
ini-paper-enter = Enter paper sheets
ini-paper-title = Entering signatures from paper sheets
ini-paper-intro = Each sheet is typed in separately by two different coordinators. The two entries are compared line by line: only identical lines are accepted, the others are listed. IINs are stored only as fingerprints.
ini-paper-sheet = Sheet number
ini-paper-rows = Lines
ini-paper-rows-hint = One person per line: full name; IIN; village (KATO code or name); date (2026-11-20 or 20.11.2026).
ini-paper-submit = Enter
ini-paper-line = Line { $line }: { $error }
ini-paper-err-columns = there must be four columns: name; IIN; village; date.
ini-paper-err-name = the name is missing.
ini-paper-err-iin = the IIN is not valid.
ini-paper-err-date = the date is not valid or is in the future.
ini-paper-err-village = the village is not in this initiative's territory.
ini-paper-err-age = the signer is below the set age.
ini-paper-err-sheet = Give the sheet number (up to 40 characters).
ini-paper-err-empty = Enter at least one line.
ini-paper-awaiting = Sheet { $sheet } saved. Another coordinator must now type it in again.
ini-paper-same-person = The second entry must be made by another coordinator.
ini-paper-done = Sheet { $sheet } has already been entered twice.
ini-paper-result = Sheet compared. Signatures accepted: { $accepted }. Already signed online (flagged, counted once): { $flagged }. Not counted because collection is over: { $late }.
ini-paper-mismatched = The two entries differ on lines { $lines }. Check the sheet again.

## Thresholds
ini-rules-title = Signature rules for initiatives
ini-rules-own = This territory's own rules apply.
ini-rules-inherited = The rules of territory { $kato } apply.
ini-rules-default = The platform's default rules apply (2% of the population, 6 months, 30 days).
ini-rules-required = Threshold now: { $count ->
    [one] { $count } signature
   *[other] { $count } signatures
}.
ini-rules-share = Share of the population, % (empty: not used)
ini-rules-fixed = Fixed number of signatures (empty: not used)
ini-rules-floor = At least
ini-rules-min-age = Youngest age to sign
ini-rules-min-verification = Lowest account verification level
ini-rules-months = Collection period, months
ini-rules-days = Answer deadline, days
ini-rules-save = Save
ini-rules-saved = Rules saved. Initiatives already published keep their threshold.
ini-err-number = Enter a whole number.
ini-err-rule-no-basis = Give a share, a fixed number, or both.
ini-err-rule-share = The share cannot exceed 100%.
ini-err-rule-period = The collection period must be 1 to 24 months.
ini-err-rule-consider = The answer deadline must be 1 to 365 days.

## The signer's page
ini-mine-title = My initiatives and signatures
ini-mine-notices = Notices
ini-mine-signed = Initiatives I signed
ini-mine-written = Initiatives I wrote

## Paper signature sheet (PDF)
ini-sheet-link = Signature sheet (PDF to print)
ini-sheet-heading = Signature sheet of a civic initiative
ini-sheet-territory = Territory: { $territory } · Addressed to: { $addressee }
ini-sheet-threshold = Signatures needed for consideration: { $required }.
ini-sheet-col-name = Full name
ini-sheet-col-iin = IIN
ini-sheet-col-village = Village
ini-sheet-col-date = Date
ini-sheet-col-signature = Signature
ini-sheet-footer = By signing I support the initiative and agree that my data is used only to check signatures. Hand the filled sheet to the coordinator at the rural okrug akimat.

ini-attachments = Attachments
ini-attach-size = { $kb } KB
ini-attach-add = Attach a file
ini-attach-hint = PDF, JPEG or PNG, up to 5 MB; at most 5 files.
ini-attach-submit = Attach
ini-attach-added = The file has been attached.
ini-attach-err-size = The file is larger than 5 MB; nothing was saved.
ini-attach-err-type = Only PDF, JPEG and PNG files can be attached; nothing was saved.
ini-attach-err-empty = Choose a file to attach.
ini-attach-err-count = An initiative can have at most 5 attachments.
