## Public control (Law of 2 October 2023): events, final documents, recommendations
control-territory-link = Public control events
control-list-title = Public control
control-list-title-in = { $territory }: public control
control-list-intro = Citizens and non-profit organisations check the work of state bodies: public monitoring, public hearings, public expertise and hearing a report. The body receives the final document within 7 working days and answers each recommendation with reasons within 10 working days.
control-overdue = Overdue
control-none = No events yet.
control-new-title = Register a public control event
control-new-intro = Name the state body whose work you check, the dates and the participants. You can hold the event yourself or on behalf of a non-profit organisation.
control-field-title = Subject
control-field-kind = Form of public control
control-field-body = State body
control-body-hint = The akimat, the akim's office or another state body of { $territory } whose work the event concerns.
control-field-territory = Territory
control-field-starts = Starts on
control-field-ends = Ends on
control-field-participants = Participants
control-one-per-line = One per line.
control-ngo-legend = On behalf of an organisation (optional)
control-ngo-hint = Fill in both fields if a non-profit organisation holds the event.
control-field-ngo-name = Organisation name
control-field-ngo-bin = Organisation BIN
control-register = Register the event
control-registered = The event has been registered.
control-kind-monitoring = Public monitoring
control-kind-hearing = Public hearing
control-kind-expertise = Public expertise
control-kind-report_hearing = Hearing a report
control-err-title = The subject must be 5 to 200 characters.
control-err-kind = Choose a form of public control.
control-err-body = Name the state body (3 to 300 characters).
control-err-date = Enter the date as DD.MM.YYYY (for example 17.11.2027).
control-err-ends = The end date cannot be before the start date.
control-err-participants = List the participants, one per line (at most 100).
control-err-ngo-name = Enter the organisation's name (2 to 300 characters).
control-err-bin = This BIN is not valid: it has 12 digits and the last one must match. Check it for a typo.
control-organiser = Organiser
control-bin = BIN { $bin }
control-dates = Dates
control-stage-registered = Registered; final document not published yet
control-stage-document = Final document published, not yet delivered to the body
control-stage-delivered = Delivered to the body; answers are awaited
control-stage-hearing = A hearing on the answer is scheduled
control-doc-protocol = Protocol
control-doc-conclusion = Conclusion
control-document-title = Final document
control-document-hint = Publish the protocol or conclusion with its recommendations. The state body must receive it within 7 working days.
control-field-doc-kind = Kind of document
control-field-doc-text = Text of the document
control-recommendations = Recommendations
control-document-submit = Publish the final document
control-document-published = The final document has been published.
control-err-doc-kind = Choose protocol or conclusion.
control-err-doc-text = Write the text of the document (at least 20 characters).
control-err-recommendations = Write at least one recommendation, one per line (at most 50, each up to 2000 characters).
control-err-document-exists = The final document has already been published.
control-err-no-document = The final document has not been published yet.
control-delivery = Delivery to the body:
control-delivery-title = Record delivery to the state body
control-field-delivered = Date the body received the document
control-delivery-submit = Record delivery
control-delivery-recorded = The delivery has been recorded; the 10-working-day answer period has started.
control-delivered-on = delivered on { $date }
control-delivered-late = { $days ->
    [one] one working day late
   *[other] { $days } working days late
}
control-err-delivery-date = The date must be between { $date } and today.
control-rec-not-delivered = Not delivered to the body yet.
control-due-today = Due { $date }: the last day is today.
control-days-left = Due { $date }: { $days ->
    [one] one working day left
   *[other] { $days } working days left
}.
control-overdue-by = Due { $date }: overdue by { $days ->
    [one] one working day
   *[other] { $days } working days
}.
control-answer = Answer of the body:
control-answered-on = answered on { $date }
control-answered-late = { $days ->
    [one] one working day late
   *[other] { $days } working days late
}
control-field-answer = Reasoned answer to this recommendation
control-answer-submit = Publish the answer
control-answered = The answer has been published.
control-err-answer = Write the reasoned answer (at least 10 characters).
control-err-not-delivered = The document has not been delivered to the body yet.
control-err-answered-already = This recommendation has already been answered.
control-hearing = Hearing on the answer
control-hearing-title = Schedule a hearing on the answer
control-hearing-hint = Participants and the body must be told at least 3 working days before the hearing.
control-field-hearing-date = Date of the hearing
control-field-place = Place
control-hearing-submit = Schedule the hearing
control-hearing-scheduled = The hearing has been scheduled.
control-err-place = Name the place (3 to 300 characters).
control-err-notice = A hearing needs at least 3 working days' notice: the earliest date is { $date }.
