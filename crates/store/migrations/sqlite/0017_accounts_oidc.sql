-- eGov sign-in (OpenID Connect): the first provider sign-in to an account below `in_person`
-- with the same IIN takes the account over, logged as a squatting resolution made by no
-- participation centre and no registrar but by the provider (its issuer URL).
-- SQLite cannot drop NOT NULL in place: both tables are rebuilt (the child first, so no
-- foreign key points at a dropped table), keeping every row.
CREATE TABLE squatting_resolutions_new (
    id BLOB PRIMARY KEY NOT NULL,
    user_id BLOB NOT NULL REFERENCES users(id),
    centre_id BLOB REFERENCES centres(id),
    registrar_id BLOB REFERENCES users(id),
    previous_name TEXT NOT NULL,
    previous_contact TEXT,
    struck_ballots INTEGER NOT NULL,
    struck_signatures INTEGER NOT NULL,
    at TEXT NOT NULL,
    -- The identity provider that vouched for the IIN (a takeover at sign-in); NULL at a centre.
    provider TEXT
);
INSERT INTO squatting_resolutions_new (id, user_id, centre_id, registrar_id, previous_name,
    previous_contact, struck_ballots, struck_signatures, at)
    SELECT id, user_id, centre_id, registrar_id, previous_name, previous_contact,
    struck_ballots, struck_signatures, at FROM squatting_resolutions;

CREATE TABLE squatting_struck_new (
    resolution_id BLOB NOT NULL REFERENCES squatting_resolutions_new(id),
    cycle_id BLOB REFERENCES pb_cycles(id),
    initiative_id BLOB REFERENCES initiatives(id)
);
INSERT INTO squatting_struck_new (resolution_id, cycle_id, initiative_id)
    SELECT resolution_id, cycle_id, initiative_id FROM squatting_struck;

DROP TABLE squatting_struck;
DROP TABLE squatting_resolutions;
-- Renaming also renames the reference squatting_struck_new holds.
ALTER TABLE squatting_resolutions_new RENAME TO squatting_resolutions;
ALTER TABLE squatting_struck_new RENAME TO squatting_struck;
CREATE INDEX squatting_resolutions_centre ON squatting_resolutions(centre_id, at);
CREATE INDEX squatting_resolutions_user ON squatting_resolutions(user_id, at);
CREATE INDEX squatting_struck_resolution ON squatting_struck(resolution_id);
