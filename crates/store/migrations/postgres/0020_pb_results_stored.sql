-- A published result is stored once, whole (security review L7): the count's rounds as JSON
-- and the anonymised ballots as a Pabulib file, written in the transaction that moves the
-- cycle to results, so the public pages read them instead of counting again on every request.
-- Results published before this migration get them on their first reading.
ALTER TABLE pb_results ADD COLUMN detail TEXT;
ALTER TABLE pb_results ADD COLUMN ballots_pb TEXT;
