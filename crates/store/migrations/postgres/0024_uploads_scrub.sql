-- Uploads carry nothing hidden (security review M6). Original file names are no longer kept:
-- a file is named after its id when it is sent, and listed as "photo 2" or "document 1".
ALTER TABLE pb_proposal_photos DROP COLUMN name;
ALTER TABLE land_photos DROP COLUMN file_name;
ALTER TABLE project_files DROP COLUMN file_name;
ALTER TABLE initiative_attachments DROP COLUMN file_name;
-- The public implementation log named each uploaded document by its original name.
UPDATE impl_log SET detail = '' WHERE what = 'file';
-- Photos stored before this version still carry their EXIF, GPS and comments: while this row
-- exists, the next `qatysu serve` or `qatysu migrate` re-encodes them (`qatysu uploads
-- scrub`) and then deletes it.
CREATE TABLE uploads_scrub_pending (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1)
);
INSERT INTO uploads_scrub_pending (id) VALUES (1);
