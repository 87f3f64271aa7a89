-- Consent to the processing of personal data (Law No. 94-V) given when registering on the web,
-- and IIN squatting resolved at a participation centre: the real holder proved the IIN in
-- person, so the account is handed to them (password and contact reset, sessions ended) and
-- what was done with it before — ballots and signatures not yet counted — is struck.
ALTER TABLE users ADD COLUMN consent_at TIMESTAMPTZ;

CREATE TABLE squatting_resolutions (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users(id),
    centre_id UUID NOT NULL REFERENCES centres(id),
    registrar_id UUID NOT NULL REFERENCES users(id),
    -- The squatter's name and contact as they were, for the record (the account now holds
    -- the real person's).
    previous_name TEXT NOT NULL,
    previous_contact TEXT,
    struck_ballots BIGINT NOT NULL,
    struck_signatures BIGINT NOT NULL,
    at TIMESTAMPTZ NOT NULL
);
CREATE INDEX squatting_resolutions_centre ON squatting_resolutions(centre_id, at);

-- What a resolution struck, one row per ballot or signature: which cycle or initiative lost
-- it, for the centre's list of resolutions.
CREATE TABLE squatting_struck (
    resolution_id UUID NOT NULL REFERENCES squatting_resolutions(id),
    cycle_id UUID REFERENCES pb_cycles(id),
    initiative_id UUID REFERENCES initiatives(id)
);
CREATE INDEX squatting_struck_resolution ON squatting_struck(resolution_id);
