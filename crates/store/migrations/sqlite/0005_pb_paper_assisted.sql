-- Paper ballots typed in twice and assisted ballots: the village and the witness of a ballot,
-- the batches, each entry's rows (IIN fingerprints and last four digits, never the IIN) and
-- what became of each ballot number once the entries were compared.
ALTER TABLE pb_ballots ADD COLUMN village_id BLOB REFERENCES territories(id);
ALTER TABLE pb_ballots ADD COLUMN witness TEXT;

CREATE TABLE pb_paper_batches (
    id BLOB PRIMARY KEY NOT NULL,
    cycle_id BLOB NOT NULL REFERENCES pb_cycles(id),
    label TEXT NOT NULL,
    village_id BLOB NOT NULL REFERENCES territories(id),
    first_by BLOB NOT NULL REFERENCES users(id),
    second_by BLOB REFERENCES users(id),
    created_at TEXT NOT NULL,
    compared_at TEXT,
    UNIQUE (cycle_id, label)
);

-- entry 1 and entry 2 of a batch, row by row.
CREATE TABLE pb_paper_rows (
    batch_id BLOB NOT NULL REFERENCES pb_paper_batches(id) ON DELETE CASCADE,
    entry INTEGER NOT NULL,
    position INTEGER NOT NULL,
    ballot_no TEXT NOT NULL,
    person_hash BLOB NOT NULL,
    iin_last4 TEXT NOT NULL,
    choices TEXT NOT NULL,
    PRIMARY KEY (batch_id, entry, ballot_no)
);

-- One line per ballot number after comparison: accepted (a ballot), flagged (the person had
-- a ballot already: not counted twice) or mismatch (waiting to be settled).
CREATE TABLE pb_paper_lines (
    batch_id BLOB NOT NULL REFERENCES pb_paper_batches(id) ON DELETE CASCADE,
    ballot_no TEXT NOT NULL,
    position INTEGER NOT NULL,
    status TEXT NOT NULL,
    iin_last4 TEXT,
    ballot_id BLOB REFERENCES pb_ballots(id),
    counted_channel TEXT,
    counted_at TEXT,
    resolved_by BLOB REFERENCES users(id),
    decided_at TEXT NOT NULL,
    PRIMARY KEY (batch_id, ballot_no)
);
CREATE INDEX pb_paper_lines_status ON pb_paper_lines(status);
