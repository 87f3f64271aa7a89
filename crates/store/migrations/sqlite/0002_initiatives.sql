-- Civic initiatives: the initiative, its history, signatures (one per person, by IIN
-- fingerprint), paper sheets typed in twice, thresholds per territory, notices and an outbox.
CREATE TABLE initiative_rules (
    territory_id BLOB PRIMARY KEY NOT NULL REFERENCES territories(id),
    share_bp INTEGER,
    fixed INTEGER,
    floor INTEGER NOT NULL,
    min_age INTEGER NOT NULL,
    min_verification INTEGER NOT NULL,
    collection_months INTEGER NOT NULL,
    consider_days INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE initiatives (
    id BLOB PRIMARY KEY NOT NULL,
    territory_id BLOB NOT NULL REFERENCES territories(id),
    author_id BLOB NOT NULL REFERENCES users(id),
    addressee TEXT NOT NULL,
    title TEXT NOT NULL,
    ask TEXT NOT NULL,
    reasons TEXT NOT NULL,
    -- Title and text lower-cased in Rust: neither engine lower-cases Cyrillic the same way.
    search_text TEXT NOT NULL,
    status TEXT NOT NULL,
    return_reason TEXT,
    times_returned INTEGER NOT NULL DEFAULT 0,
    -- Frozen at publication, so a later change of the rule never moves the goalposts.
    required INTEGER,
    signatures INTEGER NOT NULL DEFAULT 0,
    collect_until TEXT,
    consider_due TEXT,
    answer_kind TEXT,
    answer_text TEXT,
    answer_url TEXT,
    answer_plan TEXT,
    answer_plan_due TEXT,
    close_reason TEXT,
    created_at TEXT NOT NULL,
    published_at TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX initiatives_territory ON initiatives(territory_id, status);
CREATE INDEX initiatives_status ON initiatives(status, collect_until);

CREATE TABLE initiative_events (
    id BLOB PRIMARY KEY NOT NULL,
    initiative_id BLOB NOT NULL REFERENCES initiatives(id),
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT,
    actor_id BLOB REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX initiative_events_initiative ON initiative_events(initiative_id, created_at);

CREATE TABLE initiative_signatures (
    id BLOB PRIMARY KEY NOT NULL,
    initiative_id BLOB NOT NULL REFERENCES initiatives(id),
    -- The keyed IIN fingerprint: the same person online and on paper is the same row.
    person_hash BLOB NOT NULL,
    user_id BLOB REFERENCES users(id),
    village_id BLOB NOT NULL REFERENCES territories(id),
    channel TEXT NOT NULL,
    -- Also on a paper sheet after signing online (or the other way round): counted once.
    duplicate_flag INTEGER NOT NULL DEFAULT 0,
    signed_at TEXT NOT NULL,
    UNIQUE (initiative_id, person_hash)
);
CREATE INDEX initiative_signatures_user ON initiative_signatures(user_id);

CREATE TABLE paper_sheets (
    id BLOB PRIMARY KEY NOT NULL,
    initiative_id BLOB NOT NULL REFERENCES initiatives(id),
    sheet_no TEXT NOT NULL,
    first_by BLOB NOT NULL REFERENCES users(id),
    second_by BLOB REFERENCES users(id),
    accepted INTEGER NOT NULL DEFAULT 0,
    flagged INTEGER NOT NULL DEFAULT 0,
    mismatched TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    completed_at TEXT,
    UNIQUE (initiative_id, sheet_no)
);

-- The first entry's rows, waiting for the second: fingerprints, never IINs.
CREATE TABLE paper_rows (
    sheet_id BLOB NOT NULL REFERENCES paper_sheets(id) ON DELETE CASCADE,
    line_no INTEGER NOT NULL,
    name TEXT NOT NULL,
    person_hash BLOB NOT NULL,
    village_id BLOB,
    signed_on TEXT NOT NULL,
    PRIMARY KEY (sheet_id, line_no)
);

CREATE TABLE notices (
    event_id BLOB NOT NULL REFERENCES initiative_events(id),
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    read_at TEXT,
    PRIMARY KEY (event_id, user_id)
);
CREATE INDEX notices_user ON notices(user_id, created_at);

-- For a later sender of e-mail and SMS; written in the same transaction as the change.
CREATE TABLE outbox (
    event_id BLOB NOT NULL REFERENCES initiative_events(id),
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    channel TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    PRIMARY KEY (event_id, user_id)
);
