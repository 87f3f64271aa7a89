-- Consent to the processing of personal data (Law No. 94-V) given when registering on the web,
-- and IIN squatting resolved at a participation centre: the real holder proved the IIN in
-- person, so the account is handed to them (password and contact reset, sessions ended) and
-- what was done with it before — ballots and signatures not yet counted — is struck.
ALTER TABLE users ADD COLUMN consent_at TEXT;

CREATE TABLE squatting_resolutions (
    id BLOB PRIMARY KEY NOT NULL,
    user_id BLOB NOT NULL REFERENCES users(id),
    centre_id BLOB NOT NULL REFERENCES centres(id),
    registrar_id BLOB NOT NULL REFERENCES users(id),
    -- The squatter's name and contact as they were, for the record (the account now holds
    -- the real person's).
    previous_name TEXT NOT NULL,
    previous_contact TEXT,
    struck_ballots INTEGER NOT NULL,
    struck_signatures INTEGER NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX squatting_resolutions_centre ON squatting_resolutions(centre_id, at);

-- What a resolution struck, one row per ballot or signature: which cycle or initiative lost
-- it, for the centre's list of resolutions.
CREATE TABLE squatting_struck (
    resolution_id BLOB NOT NULL REFERENCES squatting_resolutions(id),
    cycle_id BLOB REFERENCES pb_cycles(id),
    initiative_id BLOB REFERENCES initiatives(id)
);
CREATE INDEX squatting_struck_resolution ON squatting_struck(resolution_id);
