-- Territories, accounts, roles, sessions, login attempts.
CREATE TABLE territories (
    id UUID PRIMARY KEY,
    kato TEXT NOT NULL UNIQUE,
    kato_version TEXT NOT NULL,
    parent_id UUID REFERENCES territories(id),
    level TEXT NOT NULL,
    type_code BIGINT NOT NULL,
    kind TEXT NOT NULL,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    population BIGINT,
    population_illustrative BOOLEAN NOT NULL DEFAULT FALSE,
    -- KATO codes of the ancestors and itself, '/'-separated: a subtree is one LIKE prefix.
    path TEXT NOT NULL
);
CREATE INDEX territories_parent ON territories(parent_id);
CREATE INDEX territories_path ON territories(path text_pattern_ops);

CREATE TABLE users (
    id UUID PRIMARY KEY,
    display_name TEXT NOT NULL,
    phone TEXT UNIQUE,
    email TEXT UNIQUE,
    password_hash TEXT NOT NULL,
    iin_hash BYTEA NOT NULL UNIQUE,
    iin_last4 TEXT NOT NULL,
    birth_date DATE NOT NULL,
    residence_id UUID NOT NULL REFERENCES territories(id),
    verification_level BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE role_grants (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    territory_id UUID REFERENCES territories(id),
    granted_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX role_grants_unique ON role_grants(user_id, role, COALESCE(territory_id, '00000000-0000-0000-0000-000000000000'::uuid));
CREATE INDEX role_grants_territory ON role_grants(territory_id);

CREATE TABLE sessions (
    token_hash BYTEA PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_attempts (
    id UUID PRIMARY KEY,
    subject TEXT NOT NULL,
    attempted_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_attempts_subject ON login_attempts(subject, attempted_at);
