-- Photos of PB proposals: the record here, the bytes under DATA/uploads/pb-photos/<id>.
CREATE TABLE pb_proposal_photos (
    id UUID PRIMARY KEY,
    proposal_id UUID NOT NULL REFERENCES pb_proposals(id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    position BIGINT NOT NULL,
    added_by UUID NOT NULL REFERENCES users(id),
    added_at TIMESTAMPTZ NOT NULL,
    UNIQUE (proposal_id, position)
);
