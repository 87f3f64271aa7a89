-- eGov sign-in (OpenID Connect): the first provider sign-in to an account below `in_person`
-- with the same IIN takes the account over, logged as a squatting resolution made by no
-- participation centre and no registrar but by the provider (its issuer URL).
ALTER TABLE squatting_resolutions ALTER COLUMN centre_id DROP NOT NULL;
ALTER TABLE squatting_resolutions ALTER COLUMN registrar_id DROP NOT NULL;
-- The identity provider that vouched for the IIN (a takeover at sign-in); NULL at a centre.
ALTER TABLE squatting_resolutions ADD COLUMN provider TEXT;
CREATE INDEX squatting_resolutions_user ON squatting_resolutions(user_id, at);
