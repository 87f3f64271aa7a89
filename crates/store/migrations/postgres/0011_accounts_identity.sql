-- Identity: verification levels by name (self, contact, in_person, egov), the record of every
-- change, and one-time codes.
-- Release 0.1 stored numbers that meant 0 self-declared, 1 verified by a coordinator (in
-- person) and 2 eGov; cycles and initiative rules keep the level they were created with.
ALTER TABLE users ADD COLUMN level TEXT NOT NULL DEFAULT 'self';
UPDATE users SET level = CASE verification_level
    WHEN 1 THEN 'in_person' WHEN 2 THEN 'egov' ELSE 'self' END;
ALTER TABLE users DROP COLUMN verification_level;
-- With the birth date, the last four digits narrowed an IIN to two or three candidates without
-- the key (security review, M3): no digit beyond the birth date is kept.
ALTER TABLE users DROP COLUMN iin_last4;

ALTER TABLE pb_cycles ADD COLUMN min_level TEXT NOT NULL DEFAULT 'in_person';
UPDATE pb_cycles SET min_level = CASE min_verification
    WHEN 0 THEN 'self' WHEN 1 THEN 'in_person' ELSE 'egov' END;
ALTER TABLE pb_cycles DROP COLUMN min_verification;

ALTER TABLE initiative_rules ADD COLUMN min_level TEXT NOT NULL DEFAULT 'in_person';
UPDATE initiative_rules SET min_level = CASE min_verification
    WHEN 0 THEN 'self' WHEN 1 THEN 'in_person' ELSE 'egov' END;
ALTER TABLE initiative_rules DROP COLUMN min_verification;

-- Who changed an account's level, when, how and on what evidence. Of a document only its
-- kind and last three digits are kept.
CREATE TABLE level_changes (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users(id),
    from_level TEXT NOT NULL,
    to_level TEXT NOT NULL,
    event TEXT NOT NULL,
    by_user UUID REFERENCES users(id),
    document_kind TEXT,
    document_tail TEXT,
    residence_proof TEXT,
    at TIMESTAMPTZ NOT NULL
);
CREATE INDEX level_changes_user ON level_changes(user_id, at);

-- One-time codes: only a keyed hash of the digits, what the code is for, its expiry and
-- the wrong tries so far. A code is spent by use or by its fifth wrong try.
CREATE TABLE codes (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    code_hash BYTEA NOT NULL,
    -- The phone or e-mail the code was sent to (a new contact is confirmed before it is kept).
    contact TEXT,
    expires_at TIMESTAMPTZ NOT NULL,
    failed_tries BIGINT NOT NULL DEFAULT 0,
    used_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX codes_user ON codes(user_id, purpose, created_at);
