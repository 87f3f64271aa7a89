-- Photos of PB proposals: the record here, the bytes under DATA/uploads/pb-photos/<id>.
CREATE TABLE pb_proposal_photos (
    id BLOB PRIMARY KEY NOT NULL,
    proposal_id BLOB NOT NULL REFERENCES pb_proposals(id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    position INTEGER NOT NULL,
    added_by BLOB NOT NULL REFERENCES users(id),
    added_at TEXT NOT NULL,
    UNIQUE (proposal_id, position)
);
