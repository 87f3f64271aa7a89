-- Civic initiatives: the initiative, its history, signatures (one per person, by IIN
-- fingerprint), paper sheets typed in twice, thresholds per territory, notices and an outbox.
CREATE TABLE initiative_rules (
    territory_id UUID PRIMARY KEY REFERENCES territories(id),
    share_bp BIGINT,
    fixed BIGINT,
    floor BIGINT NOT NULL,
    min_age BIGINT NOT NULL,
    min_verification BIGINT NOT NULL,
    collection_months BIGINT NOT NULL,
    consider_days BIGINT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE initiatives (
    id UUID PRIMARY KEY,
    territory_id UUID NOT NULL REFERENCES territories(id),
    author_id UUID NOT NULL REFERENCES users(id),
    addressee TEXT NOT NULL,
    title TEXT NOT NULL,
    ask TEXT NOT NULL,
    reasons TEXT NOT NULL,
    -- Title and text lower-cased in Rust: neither engine lower-cases Cyrillic the same way.
    search_text TEXT NOT NULL,
    status TEXT NOT NULL,
    return_reason TEXT,
    times_returned BIGINT NOT NULL DEFAULT 0,
    -- Frozen at publication, so a later change of the rule never moves the goalposts.
    required BIGINT,
    signatures BIGINT NOT NULL DEFAULT 0,
    collect_until TIMESTAMPTZ,
    consider_due TIMESTAMPTZ,
    answer_kind TEXT,
    answer_text TEXT,
    answer_url TEXT,
    answer_plan TEXT,
    answer_plan_due DATE,
    close_reason TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    published_at TIMESTAMPTZ,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX initiatives_territory ON initiatives(territory_id, status);
CREATE INDEX initiatives_status ON initiatives(status, collect_until);

CREATE TABLE initiative_events (
    id UUID PRIMARY KEY,
    initiative_id UUID NOT NULL REFERENCES initiatives(id),
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT,
    actor_id UUID REFERENCES users(id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX initiative_events_initiative ON initiative_events(initiative_id, created_at);

CREATE TABLE initiative_signatures (
    id UUID PRIMARY KEY,
    initiative_id UUID NOT NULL REFERENCES initiatives(id),
    -- The keyed IIN fingerprint: the same person online and on paper is the same row.
    person_hash BYTEA NOT NULL,
    user_id UUID REFERENCES users(id),
    village_id UUID NOT NULL REFERENCES territories(id),
    channel TEXT NOT NULL,
    -- Also on a paper sheet after signing online (or the other way round): counted once.
    duplicate_flag BOOLEAN NOT NULL DEFAULT FALSE,
    signed_at TIMESTAMPTZ NOT NULL,
    UNIQUE (initiative_id, person_hash)
);
CREATE INDEX initiative_signatures_user ON initiative_signatures(user_id);

CREATE TABLE paper_sheets (
    id UUID PRIMARY KEY,
    initiative_id UUID NOT NULL REFERENCES initiatives(id),
    sheet_no TEXT NOT NULL,
    first_by UUID NOT NULL REFERENCES users(id),
    second_by UUID REFERENCES users(id),
    accepted BIGINT NOT NULL DEFAULT 0,
    flagged BIGINT NOT NULL DEFAULT 0,
    mismatched TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ,
    UNIQUE (initiative_id, sheet_no)
);

-- The first entry's rows, waiting for the second: fingerprints, never IINs.
CREATE TABLE paper_rows (
    sheet_id UUID NOT NULL REFERENCES paper_sheets(id) ON DELETE CASCADE,
    line_no BIGINT NOT NULL,
    name TEXT NOT NULL,
    person_hash BYTEA NOT NULL,
    village_id UUID,
    signed_on DATE NOT NULL,
    PRIMARY KEY (sheet_id, line_no)
);

CREATE TABLE notices (
    event_id UUID NOT NULL REFERENCES initiative_events(id),
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    read_at TIMESTAMPTZ,
    PRIMARY KEY (event_id, user_id)
);
CREATE INDEX notices_user ON notices(user_id, created_at);

-- For a later sender of e-mail and SMS; written in the same transaction as the change.
CREATE TABLE outbox (
    event_id UUID NOT NULL REFERENCES initiative_events(id),
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    channel TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    sent_at TIMESTAMPTZ,
    PRIMARY KEY (event_id, user_id)
);
