-- Files attached to initiatives (PDF or photos), stored under DATA/uploads, never in the web root.
CREATE TABLE initiative_attachments (
    id UUID PRIMARY KEY,
    initiative_id UUID NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    uploaded_by UUID REFERENCES users(id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX initiative_attachments_initiative ON initiative_attachments(initiative_id);
