-- Separation of duties (security review M5). A seat on a cycle's expert council or monitoring
-- group is taken by accepting an invitation; until then the person has no power. The
-- membership tables (pb_council_members, monitoring_members) stay the record of who sits:
-- their rows from before this migration were appointed and are kept as accepted seats.
CREATE TABLE oversight_invitations (
    id UUID PRIMARY KEY,
    -- 'expert_council' or 'monitoring_group' (domain::access::Body)
    body TEXT NOT NULL,
    cycle_id UUID NOT NULL REFERENCES pb_cycles(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id),
    -- The council's civil-society mark, copied to the seat on acceptance (false for the group).
    civil_society BOOLEAN NOT NULL,
    invited_by UUID REFERENCES users(id),
    invited_at TIMESTAMPTZ NOT NULL,
    -- NULL while pending; then 'accepted' or 'declined'.
    answer TEXT,
    answered_at TIMESTAMPTZ
);
-- One pending invitation per person, body and cycle; answered ones stay as history.
CREATE UNIQUE INDEX oversight_invitations_pending
    ON oversight_invitations(body, cycle_id, user_id) WHERE answer IS NULL;
CREATE INDEX oversight_invitations_user ON oversight_invitations(user_id, answered_at);

-- The expert and monitor roles are held per cycle by a seat, never granted on a territory:
-- the grants release 0.1 made with each seat give nothing any more and would only mislead
-- on account and role pages. The seats themselves stay.
DELETE FROM role_grants WHERE role IN ('expert', 'monitor');
