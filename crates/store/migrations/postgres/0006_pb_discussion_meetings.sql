-- Discussion of PB proposals: comments and their public moderation log, face-to-face
-- meetings with minutes linked to the proposals discussed, and notices to proposal authors.
CREATE TABLE pb_comments (
    id UUID PRIMARY KEY,
    proposal_id UUID NOT NULL REFERENCES pb_proposals(id) ON DELETE CASCADE,
    author_id UUID NOT NULL REFERENCES users(id),
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    -- Set while a moderator hides the comment; everyone then sees the reason instead.
    hidden_reason TEXT,
    -- The form's one-time key: a form sent twice (a dropped rural link retried) is one comment.
    client_key TEXT,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX pb_comments_proposal ON pb_comments(proposal_id, created_at);
CREATE UNIQUE INDEX pb_comments_once ON pb_comments(author_id, client_key);

-- Every hide and restore, public; nothing is ever deleted.
CREATE TABLE pb_moderation_log (
    id UUID PRIMARY KEY,
    cycle_id UUID NOT NULL REFERENCES pb_cycles(id) ON DELETE CASCADE,
    comment_id UUID NOT NULL REFERENCES pb_comments(id) ON DELETE CASCADE,
    action TEXT NOT NULL,
    reason TEXT NOT NULL,
    by_user UUID REFERENCES users(id),
    by_name TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL
);
CREATE INDEX pb_moderation_log_cycle ON pb_moderation_log(cycle_id, at);

CREATE TABLE pb_meetings (
    id UUID PRIMARY KEY,
    cycle_id UUID NOT NULL REFERENCES pb_cycles(id) ON DELETE CASCADE,
    village_id UUID NOT NULL REFERENCES territories(id),
    held_on DATE NOT NULL,
    place TEXT NOT NULL,
    attendance BIGINT NOT NULL,
    minutes TEXT NOT NULL,
    recorded_by UUID REFERENCES users(id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX pb_meetings_cycle ON pb_meetings(cycle_id, held_on);

CREATE TABLE pb_meeting_proposals (
    meeting_id UUID NOT NULL REFERENCES pb_meetings(id) ON DELETE CASCADE,
    proposal_id UUID NOT NULL REFERENCES pb_proposals(id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, proposal_id)
);
CREATE INDEX pb_meeting_proposals_proposal ON pb_meeting_proposals(proposal_id);

-- Notices now also point at PB events (a decision in pb_proposal_events, a hidden comment in
-- pb_moderation_log), so their event id no longer references initiative_events only.
-- Notices now also point at PB events (a decision in pb_proposal_events, a hidden comment in
-- pb_moderation_log), so their event id no longer references initiative_events only.
ALTER TABLE notices DROP CONSTRAINT notices_event_id_fkey;
