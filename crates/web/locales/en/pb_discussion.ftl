## People's Participation Budget: discussion, moderation, meetings, notices to authors
pbd-comments = Discussion
pbd-comments-count = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}
pbd-comments-all = All comments
pbd-comment-label = Your comment
pbd-comment-hint = Plain text, up to 1000 characters. Be respectful: the moderator hides insults and personal data, always saying why.
pbd-comment-send = Post the comment
pbd-comment-login = Log in to comment
pbd-comment-added = Your comment is published.
pbd-hidden-by-moderator = hidden by the moderator: { $reason }
pbd-err-not-admitted = Only proposals admitted to the vote by the expert council are discussed.
pbd-err-not-yet = Comments open when discussion starts.
pbd-err-closed = Voting has ended, so comments are closed.
pbd-err-not-resident = Only residents of this territory can discuss this proposal.
pbd-err-length = The text must have { $min } to { $max } characters.
pbd-err-reason = Give the reason: { $min } to { $max } characters.
pbd-err-already = Another moderator has already acted on this comment; its current state is shown above.
pbd-moderate = Moderate
pbd-moderate-title = Moderate a comment
pbd-hide = Hide the comment
pbd-hide-reason = Reason for hiding (everyone will see it)
pbd-hide-hint = The moderator's reason is shown instead of the comment's text. Every act is written to a public log.
pbd-restore = Restore the comment
pbd-restore-reason = Reason for restoring (optional)
pbd-comment-hidden = The comment is hidden and the reason is published.
pbd-comment-restored = The comment is restored.
pbd-log-title = Moderation log
pbd-log-intro = Every act of the moderators hiding or restoring comments: who, when and why.
pbd-log-none = No moderation yet.
pbd-log-when = Time and moderator
pbd-log-act = Act
pbd-log-reason = Reason
pbd-log-hide = Comment hidden
pbd-log-restore = Comment restored
pbd-page-of = Page { $page } of { $pages }
pbd-page-earlier = Earlier comments
pbd-page-later = Later comments
pbd-back-to-proposal = Back to the proposal
pbd-notices-link = Notices: my initiatives and proposals
pbd-notice-admit = the expert council admitted your proposal to the vote.
pbd-notice-reject = the expert council rejected your proposal; the reason is published on its page.
pbd-notice-return = the expert council returned your proposal for revision: you can now edit it and send it back to the council.
pbd-notice-merge = the expert council merged your proposal into another one.
pbd-notice-hidden = the moderator hid a comment in the discussion of the proposal: { $reason }
pbd-meetings = Meetings with residents
pbd-meetings-none = No meetings recorded yet.
pbd-meeting-new = Record a meeting
pbd-meeting-title = Meeting with residents
pbd-meeting-date = Date
pbd-meeting-village = Village
pbd-meeting-place = Place
pbd-meeting-attendance = Attendance
pbd-meeting-attendance-count = { $count ->
    [one] { $count } participant
   *[other] { $count } participants
}
pbd-meeting-minutes = Minutes
pbd-meeting-proposals = Proposals discussed
pbd-meeting-proposals-none = No proposal is linked to this meeting.
pbd-meeting-save = Save the meeting
pbd-meeting-recorded = The meeting is recorded.
pbd-err-village = Choose a village of the cycle's territory.
pbd-err-date = Enter the date as DD.MM.YYYY (for example 17.11.2027).
pbd-err-future = A meeting is recorded after it took place: the date cannot be later than today.
pbd-err-attendance = Attendance must be a whole number from 1 to { $max }.
pbd-err-proposal = Only proposals of this cycle can be chosen.
