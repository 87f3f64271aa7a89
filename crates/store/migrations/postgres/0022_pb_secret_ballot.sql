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
-- random (v4) id here, and the ballots and their choices are rewritten in the order of
-- those ids, so their physical order no longer follows the order of casting. Paper rows may
-- lose their person: a settled batch keeps none.
CREATE TABLE pb_ballot_rekey (
    old_id UUID PRIMARY KEY,
    new_id UUID NOT NULL
);
INSERT INTO pb_ballot_rekey (old_id, new_id) SELECT id, gen_random_uuid() FROM pb_ballots;

CREATE TABLE pb_voters (
    cycle_id UUID NOT NULL REFERENCES pb_cycles(id),
    person_hash BYTEA NOT NULL,
    voter_id UUID REFERENCES users(id),
    channel TEXT NOT NULL,
    cast_at TIMESTAMPTZ NOT NULL,
    entered_by UUID REFERENCES users(id),
    witness TEXT,
    witness_id UUID REFERENCES users(id),
    confirmation TEXT,
    confirmed_by UUID REFERENCES users(id),
    sealed BYTEA,
    ballot_id_unsealed UUID,
    PRIMARY KEY (cycle_id, person_hash),
    CHECK (sealed IS NOT NULL OR ballot_id_unsealed IS NOT NULL)
);
CREATE INDEX pb_voters_voter ON pb_voters(voter_id);
INSERT INTO pb_voters (cycle_id, person_hash, voter_id, channel, cast_at, entered_by, witness,
    witness_id, confirmation, confirmed_by, sealed, ballot_id_unsealed)
    SELECT b.cycle_id, b.person_hash, b.voter_id, b.channel, b.cast_at, b.entered_by,
    b.witness, b.witness_id, b.confirmation, b.confirmed_by, NULL, k.new_id
    FROM pb_ballots b JOIN pb_ballot_rekey k ON k.old_id = b.id
    ORDER BY b.cycle_id, b.person_hash;

-- The voter's village, frozen: a web ballot's was its voter's residence.
UPDATE pb_ballots b SET village_id = u.residence_id FROM users u
    WHERE b.village_id IS NULL AND u.id = b.voter_id;

ALTER TABLE pb_ballot_choices DROP CONSTRAINT pb_ballot_choices_ballot_id_fkey;
ALTER TABLE pb_paper_lines DROP CONSTRAINT pb_paper_lines_ballot_id_fkey;
UPDATE pb_ballots b SET id = k.new_id FROM pb_ballot_rekey k WHERE k.old_id = b.id;
UPDATE pb_ballot_choices c SET ballot_id = k.new_id FROM pb_ballot_rekey k
    WHERE k.old_id = c.ballot_id;
-- A flagged line no longer points at the person's other ballot (its channel and date stay):
-- with the row's person it would say how that person voted.
UPDATE pb_paper_lines l SET ballot_id = CASE WHEN l.status = 'accepted' THEN k.new_id END
    FROM pb_ballot_rekey k WHERE k.old_id = l.ballot_id;
ALTER TABLE pb_ballot_choices ADD CONSTRAINT pb_ballot_choices_ballot_id_fkey
    FOREIGN KEY (ballot_id) REFERENCES pb_ballots(id) ON DELETE CASCADE;
ALTER TABLE pb_paper_lines ADD CONSTRAINT pb_paper_lines_ballot_id_fkey
    FOREIGN KEY (ballot_id) REFERENCES pb_ballots(id);
DROP TABLE pb_ballot_rekey;

ALTER TABLE pb_ballots DROP COLUMN person_hash, DROP COLUMN voter_id, DROP COLUMN entered_by,
    DROP COLUMN cast_at, DROP COLUMN witness, DROP COLUMN witness_id,
    DROP COLUMN confirmation, DROP COLUMN confirmed_by;
CREATE INDEX pb_ballots_cycle ON pb_ballots(cycle_id);
CLUSTER pb_ballots USING pb_ballots_pkey;
CLUSTER pb_ballot_choices USING pb_ballot_choices_pkey;

ALTER TABLE pb_paper_rows ALTER COLUMN person_hash DROP NOT NULL;
UPDATE pb_paper_rows r SET person_hash = NULL FROM pb_paper_batches b
    WHERE b.id = r.batch_id AND b.compared_at IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM pb_paper_lines l WHERE l.batch_id = r.batch_id AND l.status = 'mismatch');
