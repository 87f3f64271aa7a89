-- Assisted voting (security review H2): who confirmed, how, and the witness's account.
ALTER TABLE pb_ballots ADD COLUMN witness_id UUID REFERENCES users(id);
ALTER TABLE pb_ballots ADD COLUMN confirmation TEXT;
ALTER TABLE pb_ballots ADD COLUMN confirmed_by UUID REFERENCES users(id);
