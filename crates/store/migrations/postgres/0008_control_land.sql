-- Public-control events with their final document, recommendations and legal deadlines;
-- reports of unused or unlawfully granted farm land, their review log and photos.
CREATE TABLE control_events (
    id UUID PRIMARY KEY,
    territory_id UUID NOT NULL REFERENCES territories(id),
    organiser_id UUID NOT NULL REFERENCES users(id),
    ngo_name TEXT,
    ngo_bin TEXT,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body_name TEXT NOT NULL,
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    -- One participant per line.
    participants TEXT NOT NULL,
    doc_kind TEXT,
    doc_text TEXT,
    doc_on DATE,
    -- Frozen when computed, so a later change of the holiday table never moves a deadline.
    delivery_due DATE,
    delivered_on DATE,
    hearing_on DATE,
    hearing_place TEXT,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX control_events_territory ON control_events(territory_id, created_at);

CREATE TABLE control_recommendations (
    id UUID PRIMARY KEY,
    event_id UUID NOT NULL REFERENCES control_events(id),
    item_no BIGINT NOT NULL,
    text TEXT NOT NULL,
    delivered_on DATE,
    answer_due DATE,
    answer_text TEXT,
    answered_on DATE,
    answered_by UUID REFERENCES users(id),
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (event_id, item_no)
);
CREATE INDEX control_recommendations_open ON control_recommendations(answer_due);

CREATE TABLE land_reports (
    id UUID PRIMARY KEY,
    village_id UUID NOT NULL REFERENCES territories(id),
    reporter_id UUID NOT NULL REFERENCES users(id),
    cadastral_number TEXT NOT NULL,
    -- Hundredths of a hectare, exact.
    area BIGINT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    returned_on DATE,
    reported_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX land_reports_village ON land_reports(village_id, status);

CREATE TABLE land_report_events (
    id UUID PRIMARY KEY,
    report_id UUID NOT NULL REFERENCES land_reports(id),
    status TEXT NOT NULL,
    comment TEXT NOT NULL,
    actor_id UUID REFERENCES users(id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX land_report_events_report ON land_report_events(report_id, created_at);

-- Photos stored under DATA/uploads/land, never in the web root.
CREATE TABLE land_photos (
    id UUID PRIMARY KEY,
    report_id UUID NOT NULL REFERENCES land_reports(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX land_photos_report ON land_photos(report_id);
