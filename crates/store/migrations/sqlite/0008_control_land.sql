-- Public-control events with their final document, recommendations and legal deadlines;
-- reports of unused or unlawfully granted farm land, their review log and photos.
CREATE TABLE control_events (
    id BLOB PRIMARY KEY NOT NULL,
    territory_id BLOB NOT NULL REFERENCES territories(id),
    organiser_id BLOB NOT NULL REFERENCES users(id),
    ngo_name TEXT,
    ngo_bin TEXT,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body_name TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    -- One participant per line.
    participants TEXT NOT NULL,
    doc_kind TEXT,
    doc_text TEXT,
    doc_on TEXT,
    -- Frozen when computed, so a later change of the holiday table never moves a deadline.
    delivery_due TEXT,
    delivered_on TEXT,
    hearing_on TEXT,
    hearing_place TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX control_events_territory ON control_events(territory_id, created_at);

CREATE TABLE control_recommendations (
    id BLOB PRIMARY KEY NOT NULL,
    event_id BLOB NOT NULL REFERENCES control_events(id),
    item_no INTEGER NOT NULL,
    text TEXT NOT NULL,
    delivered_on TEXT,
    answer_due TEXT,
    answer_text TEXT,
    answered_on TEXT,
    answered_by BLOB REFERENCES users(id),
    created_at TEXT NOT NULL,
    UNIQUE (event_id, item_no)
);
CREATE INDEX control_recommendations_open ON control_recommendations(answer_due);

CREATE TABLE land_reports (
    id BLOB PRIMARY KEY NOT NULL,
    village_id BLOB NOT NULL REFERENCES territories(id),
    reporter_id BLOB NOT NULL REFERENCES users(id),
    cadastral_number TEXT NOT NULL,
    -- Hundredths of a hectare, exact.
    area INTEGER NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    returned_on TEXT,
    reported_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX land_reports_village ON land_reports(village_id, status);

CREATE TABLE land_report_events (
    id BLOB PRIMARY KEY NOT NULL,
    report_id BLOB NOT NULL REFERENCES land_reports(id),
    status TEXT NOT NULL,
    comment TEXT NOT NULL,
    actor_id BLOB REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX land_report_events_report ON land_report_events(report_id, created_at);

-- Photos stored under DATA/uploads/land, never in the web root.
CREATE TABLE land_photos (
    id BLOB PRIMARY KEY NOT NULL,
    report_id BLOB NOT NULL REFERENCES land_reports(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX land_photos_report ON land_photos(report_id);
