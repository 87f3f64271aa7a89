-- Files attached to initiatives (PDF or photos), stored under DATA/uploads, never in the web root.
CREATE TABLE initiative_attachments (
    id BLOB PRIMARY KEY NOT NULL,
    initiative_id BLOB NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    uploaded_by BLOB REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX initiative_attachments_initiative ON initiative_attachments(initiative_id);
