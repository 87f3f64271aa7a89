-- A secret ballot (security review L5, decisions 9): who voted lives apart from what they
-- chose. `pb_voters` keeps the person (one ballot per person and cycle), the channel, the
-- time, who typed and who witnessed it; `pb_ballots` keeps a random id, the cycle, the
-- voter's village (frozen at casting: quota counts need it), the channel, the choices and
-- the receipt: nothing of a person. A voter row reaches its ballot only through `sealed`
-- (ballot id and receipt, encrypted under a key derived from the server secret), which SQL
-- cannot compute: `ballot_id_unsealed` carries the link from this migration until the
-- server seals it at its next start (in one transaction) and empties the column.
--
-- Ballot ids made before were UUIDv7 and told the time of casting: every ballot gets a
-- random (v4) id here. The rebuilt tables are WITHOUT ROWID, so no hidden rowid keeps the
-- order in which ballots and voters were written. Paper rows may lose their person: a
-- settled batch keeps none.
CREATE TABLE pb_ballot_rekey (
    old_id BLOB PRIMARY KEY NOT NULL,
    random TEXT NOT NULL,
    new_id BLOB
);
INSERT INTO pb_ballot_rekey (old_id, random) SELECT id, hex(randomblob(16)) FROM pb_ballots;
-- Version nibble 4, variant 10xx: a UUIDv4 from 122 random bits.
UPDATE pb_ballot_rekey SET new_id = unhex(substr(random, 1, 12) || '4' || substr(random, 14, 3)
    || substr('89AB', 1 + (instr('0123456789ABCDEF', substr(random, 17, 1)) - 1) % 4, 1)
    || substr(random, 18, 15));

CREATE TABLE pb_voters (
    cycle_id BLOB NOT NULL REFERENCES pb_cycles(id),
    person_hash BLOB NOT NULL,
    voter_id BLOB REFERENCES users(id),
    channel TEXT NOT NULL,
    cast_at TEXT NOT NULL,
    entered_by BLOB REFERENCES users(id),
    witness TEXT,
    witness_id BLOB REFERENCES users(id),
    confirmation TEXT,
    confirmed_by BLOB REFERENCES users(id),
    sealed BLOB,
    ballot_id_unsealed BLOB,
    PRIMARY KEY (cycle_id, person_hash),
    CHECK (sealed IS NOT NULL OR ballot_id_unsealed IS NOT NULL)
) WITHOUT ROWID;
CREATE INDEX pb_voters_voter ON pb_voters(voter_id);
INSERT INTO pb_voters (cycle_id, person_hash, voter_id, channel, cast_at, entered_by, witness,
    witness_id, confirmation, confirmed_by, sealed, ballot_id_unsealed)
    SELECT b.cycle_id, b.person_hash, b.voter_id, b.channel, b.cast_at, b.entered_by,
    b.witness, b.witness_id, b.confirmation, b.confirmed_by, NULL, k.new_id
    FROM pb_ballots b JOIN pb_ballot_rekey k ON k.old_id = b.id;

CREATE TABLE pb_ballots_new (
    id BLOB PRIMARY KEY NOT NULL,
    cycle_id BLOB NOT NULL REFERENCES pb_cycles(id),
    village_id BLOB REFERENCES territories(id),
    channel TEXT NOT NULL,
    receipt TEXT NOT NULL UNIQUE
) WITHOUT ROWID;
INSERT INTO pb_ballots_new (id, cycle_id, village_id, channel, receipt)
    SELECT k.new_id, b.cycle_id, COALESCE(b.village_id, u.residence_id), b.channel, b.receipt
    FROM pb_ballots b JOIN pb_ballot_rekey k ON k.old_id = b.id
    LEFT JOIN users u ON u.id = b.voter_id;

CREATE TABLE pb_ballot_choices_new (
    ballot_id BLOB NOT NULL REFERENCES pb_ballots_new(id) ON DELETE CASCADE,
    proposal_id BLOB NOT NULL REFERENCES pb_proposals(id),
    PRIMARY KEY (ballot_id, proposal_id)
) WITHOUT ROWID;
INSERT INTO pb_ballot_choices_new (ballot_id, proposal_id)
    SELECT k.new_id, c.proposal_id FROM pb_ballot_choices c
    JOIN pb_ballot_rekey k ON k.old_id = c.ballot_id;

-- A flagged line no longer points at the person's other ballot (its channel and date stay):
-- with the row's person it would say how that person voted.
CREATE TABLE pb_paper_lines_new (
    batch_id BLOB NOT NULL REFERENCES pb_paper_batches(id) ON DELETE CASCADE,
    ballot_no TEXT NOT NULL,
    position INTEGER NOT NULL,
    status TEXT NOT NULL,
    ballot_id BLOB REFERENCES pb_ballots_new(id),
    counted_channel TEXT,
    counted_at TEXT,
    resolved_by BLOB REFERENCES users(id),
    decided_at TEXT NOT NULL,
    PRIMARY KEY (batch_id, ballot_no)
);
INSERT INTO pb_paper_lines_new (batch_id, ballot_no, position, status, ballot_id,
    counted_channel, counted_at, resolved_by, decided_at)
    SELECT l.batch_id, l.ballot_no, l.position, l.status,
    CASE WHEN l.status = 'accepted' THEN k.new_id END,
    l.counted_channel, l.counted_at, l.resolved_by, l.decided_at
    FROM pb_paper_lines l LEFT JOIN pb_ballot_rekey k ON k.old_id = l.ballot_id;

CREATE TABLE pb_paper_rows_new (
    batch_id BLOB NOT NULL REFERENCES pb_paper_batches(id) ON DELETE CASCADE,
    entry INTEGER NOT NULL,
    position INTEGER NOT NULL,
    ballot_no TEXT NOT NULL,
    person_hash BLOB,
    choices TEXT NOT NULL,
    typed_by BLOB REFERENCES users(id),
    PRIMARY KEY (batch_id, entry, ballot_no)
);
INSERT INTO pb_paper_rows_new (batch_id, entry, position, ballot_no, person_hash, choices,
    typed_by)
    SELECT r.batch_id, r.entry, r.position, r.ballot_no,
    CASE WHEN b.compared_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pb_paper_lines l
        WHERE l.batch_id = r.batch_id AND l.status = 'mismatch') THEN NULL
        ELSE r.person_hash END,
    r.choices, r.typed_by
    FROM pb_paper_rows r JOIN pb_paper_batches b ON b.id = r.batch_id;

-- The children first, so no foreign key points at a dropped table; renaming pb_ballots_new
-- also renames the references the new children hold.
DROP TABLE pb_ballot_choices;
DROP TABLE pb_paper_lines;
DROP TABLE pb_paper_rows;
DROP TABLE pb_ballots;
DROP TABLE pb_ballot_rekey;
ALTER TABLE pb_ballots_new RENAME TO pb_ballots;
ALTER TABLE pb_ballot_choices_new RENAME TO pb_ballot_choices;
ALTER TABLE pb_paper_lines_new RENAME TO pb_paper_lines;
ALTER TABLE pb_paper_rows_new RENAME TO pb_paper_rows;
CREATE INDEX pb_ballots_cycle ON pb_ballots(cycle_id);
CREATE INDEX pb_ballot_choices_proposal ON pb_ballot_choices(proposal_id);
CREATE INDEX pb_paper_lines_status ON pb_paper_lines(status);
