## Public control (Law of 2 October 2023): events, final documents, recommendations
ctl-territory-link = Public control events
ctl-list-title = Public control
ctl-list-title-in = { $territory }: public control
ctl-list-intro = Citizens and non-profit organisations check the work of state bodies: public monitoring, public hearings, public expertise and hearing a report. The body receives the final document within 7 working days and answers each recommendation with reasons within 10 working days.
ctl-overdue = Overdue
ctl-none = No events yet.
ctl-new-title = Register a public control event
ctl-new-intro = Name the state body whose work you check, the dates and the participants. You can hold the event yourself or on behalf of a non-profit organisation.
ctl-field-title = Subject
ctl-field-kind = Form of public control
ctl-field-body = State body
ctl-body-hint = The akimat or another state body of { $territory } whose work the event concerns.
ctl-field-territory = Territory
ctl-field-starts = Starts on
ctl-field-ends = Ends on
ctl-field-participants = Participants
ctl-one-per-line = One per line.
ctl-ngo-legend = On behalf of an organisation (optional)
ctl-ngo-hint = Fill in both fields if a non-profit organisation holds the event.
ctl-field-ngo-name = Organisation name
ctl-field-ngo-bin = Organisation BIN
ctl-register = Register the event
ctl-registered = The event has been registered.
ctl-kind-monitoring = Public monitoring
ctl-kind-hearing = Public hearing
ctl-kind-expertise = Public expertise
ctl-kind-report_hearing = Hearing a report
ctl-err-title = The subject must be 5 to 200 characters.
ctl-err-kind = Choose a form of public control.
ctl-err-body = Name the state body (3 to 300 characters).
ctl-err-date = Enter the date as DD.MM.YYYY (for example 17.11.2027).
ctl-err-ends = The end date cannot be before the start date.
ctl-err-participants = List the participants, one per line (at most 100).
ctl-err-ngo-name = Enter the organisation's name (2 to 300 characters).
ctl-err-bin = This BIN is not valid: it has 12 digits and the last one must match. Check it for a typo.
ctl-organiser = Organiser
ctl-bin = BIN { $bin }
ctl-dates = Dates
ctl-stage-registered = Registered; final document not published yet
ctl-stage-document = Final document published, not yet delivered to the body
ctl-stage-delivered = Delivered to the body; answers are awaited
ctl-stage-hearing = A hearing on the answer is scheduled
ctl-doc-protocol = Protocol
ctl-doc-conclusion = Conclusion
ctl-document-title = Final document
ctl-document-hint = Publish the protocol or conclusion with its recommendations. The state body must receive it within 7 working days.
ctl-field-doc-kind = Kind of document
ctl-field-doc-text = Text of the document
ctl-recommendations = Recommendations
ctl-document-submit = Publish the final document
ctl-document-published = The final document has been published.
ctl-err-doc-kind = Choose protocol or conclusion.
ctl-err-doc-text = Write the text of the document (at least 20 characters).
ctl-err-recommendations = Write at least one recommendation, one per line (at most 50, each up to 2000 characters).
ctl-err-document-exists = The final document has already been published.
ctl-err-no-document = The final document has not been published yet.
ctl-delivery = Delivery to the body:
ctl-delivery-title = Record delivery to the state body
ctl-field-delivered = Date the body received the document
ctl-delivery-submit = Record delivery
ctl-delivery-recorded = The delivery has been recorded; the 10-working-day answer period has started.
ctl-delivered-on = delivered on { $date }
ctl-delivered-late = { $days ->
    [one] one working day late
   *[other] { $days } working days late
}
ctl-err-delivery-date = The date must be between { $date } and today.
ctl-rec-not-delivered = Not delivered to the body yet.
ctl-due-today = Due { $date }: the last day is today.
ctl-days-left = Due { $date }: { $days ->
    [one] one working day left
   *[other] { $days } working days left
}.
ctl-overdue-by = Due { $date }: overdue by { $days ->
    [one] one working day
   *[other] { $days } working days
}.
ctl-answer = Answer of the body:
ctl-answered-on = answered on { $date }
ctl-answered-late = { $days ->
    [one] one working day late
   *[other] { $days } working days late
}
ctl-field-answer = Reasoned answer to this recommendation
ctl-answer-submit = Publish the answer
ctl-answered = The answer has been published.
ctl-err-answer = Write the reasoned answer (at least 10 characters).
ctl-err-not-delivered = The document has not been delivered to the body yet.
ctl-err-answered-already = This recommendation has already been answered.
ctl-hearing = Hearing on the answer
ctl-hearing-title = Schedule a hearing on the answer
ctl-hearing-hint = Participants and the body must be told at least 3 working days before the hearing.
ctl-field-hearing-date = Date of the hearing
ctl-field-place = Place
ctl-hearing-submit = Schedule the hearing
ctl-hearing-scheduled = The hearing has been scheduled.
ctl-err-place = Name the place (3 to 300 characters).
ctl-err-notice = A hearing needs at least 3 working days' notice: the earliest date is { $date }.
