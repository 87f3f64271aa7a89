-- Assisted voting (security review H2): who confirmed, how, and the witness's account.
ALTER TABLE pb_ballots ADD COLUMN witness_id BLOB REFERENCES users(id);
ALTER TABLE pb_ballots ADD COLUMN confirmation TEXT;
ALTER TABLE pb_ballots ADD COLUMN confirmed_by BLOB REFERENCES users(id);

-- Every look-up of a resident by IIN on the assisted-voting page: which coordinator, in which
-- cycle, when, and whether a registered resident of the cycle's territory had that IIN. The
-- IIN itself (and its fingerprint) is never kept.
CREATE TABLE pb_assisted_lookups (
    id BLOB PRIMARY KEY NOT NULL,
    cycle_id BLOB NOT NULL REFERENCES pb_cycles(id),
    coordinator_id BLOB NOT NULL REFERENCES users(id),
    found INTEGER NOT NULL,
    looked_up_at TEXT NOT NULL
);
CREATE INDEX pb_assisted_lookups_cycle ON pb_assisted_lookups(cycle_id, coordinator_id);
