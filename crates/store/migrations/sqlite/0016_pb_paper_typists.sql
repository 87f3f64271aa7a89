-- Paper double entry means two people (security review H1): every typed version of a paper
-- row keeps the account that typed it (entry 1 and 2 by the batch's two coordinators, entry 3
-- the row typed again to settle a waiting ballot), so a row counts only when two different
-- accounts typed it alike and the batch page can say who typed what.
ALTER TABLE pb_paper_rows ADD COLUMN typed_by BLOB REFERENCES users(id);
UPDATE pb_paper_rows SET typed_by = (
    SELECT CASE pb_paper_rows.entry WHEN 1 THEN b.first_by ELSE b.second_by END
    FROM pb_paper_batches b WHERE b.id = pb_paper_rows.batch_id
);
-- No IIN digits beyond the birth date are kept (security review M4, decisions 9): a paper row
-- is known by its batch and ballot number.
ALTER TABLE pb_paper_rows DROP COLUMN iin_last4;
ALTER TABLE pb_paper_lines DROP COLUMN iin_last4;
