## People's Participation Budget: discussion, moderation, notices to authors
pb-discussion-comments = Discussion
pb-discussion-comments-count = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}
pb-discussion-comments-all = All comments
pb-discussion-comment-label = Your comment
pb-discussion-comment-hint = Plain text, up to 1000 characters. Be respectful: the moderator hides insults and personal data, always saying why.
pb-discussion-comment-send = Post the comment
pb-discussion-comment-login = Log in to comment
pb-discussion-comment-added = Your comment is published.
pb-discussion-hidden-by-moderator = hidden by the moderator: { $reason }
pb-discussion-err-not-admitted = Only proposals admitted to the vote by the expert council are discussed.
pb-discussion-err-not-yet = Comments open when discussion starts.
pb-discussion-err-closed = Voting has ended, so comments are closed.
pb-discussion-err-not-resident = Only residents of this territory can discuss this proposal.
pb-discussion-err-length = The text must have { $min } to { $max } characters.
pb-discussion-err-reason = Give the reason: { $min } to { $max } characters.
pb-discussion-err-already = Another moderator has already acted on this comment; its current state is shown above.
pb-discussion-moderate = Moderate
pb-discussion-moderate-title = Moderate a comment
pb-discussion-hide = Hide the comment
pb-discussion-hide-reason = Reason for hiding (everyone will see it)
pb-discussion-hide-hint = The moderator's reason is shown instead of the comment's text. Every act is written to a public log.
pb-discussion-restore = Restore the comment
pb-discussion-restore-reason = Reason for restoring (optional)
pb-discussion-comment-hidden = The comment is hidden and the reason is published.
pb-discussion-comment-restored = The comment is restored.
pb-discussion-log-title = Moderation log
pb-discussion-log-intro = Every act of the moderators hiding or restoring comments: who, when and why.
pb-discussion-log-none = No moderation yet.
pb-discussion-log-when = Time and moderator
pb-discussion-log-act = Act
pb-discussion-log-reason = Reason
pb-discussion-log-hide = Comment hidden
pb-discussion-log-restore = Comment restored
pb-discussion-page-of = Page { $page } of { $pages }
pb-discussion-page-earlier = Earlier comments
pb-discussion-page-later = Later comments
pb-discussion-back-to-proposal = Back to the proposal
pb-discussion-notices-link = Notices: my initiatives and proposals
pb-discussion-notice-admit = the expert council admitted your proposal to the vote.
pb-discussion-notice-reject = the expert council rejected your proposal; the reason is published on its page.
pb-discussion-notice-return = the expert council returned your proposal for revision: you can now edit it and send it back to the council.
pb-discussion-notice-merge = the expert council merged your proposal into another one.
pb-discussion-notice-hidden = the moderator hid a comment in the discussion of the proposal: { $reason }
