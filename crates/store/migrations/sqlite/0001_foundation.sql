-- Territories, accounts, roles, sessions, login attempts.
CREATE TABLE territories (
    id BLOB PRIMARY KEY NOT NULL,
    kato TEXT NOT NULL UNIQUE,
    kato_version TEXT NOT NULL,
    parent_id BLOB REFERENCES territories(id),
    level TEXT NOT NULL,
    type_code INTEGER NOT NULL,
    kind TEXT NOT NULL,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    population INTEGER,
    population_illustrative INTEGER NOT NULL DEFAULT 0,
    -- KATO codes of the ancestors and itself, '/'-separated: a subtree is one LIKE prefix.
    path TEXT NOT NULL
);
CREATE INDEX territories_parent ON territories(parent_id);
CREATE INDEX territories_path ON territories(path);

CREATE TABLE users (
    id BLOB PRIMARY KEY NOT NULL,
    display_name TEXT NOT NULL,
    phone TEXT UNIQUE,
    email TEXT UNIQUE,
    password_hash TEXT NOT NULL,
    iin_hash BLOB NOT NULL UNIQUE,
    iin_last4 TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    residence_id BLOB NOT NULL REFERENCES territories(id),
    verification_level INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE role_grants (
    id BLOB PRIMARY KEY NOT NULL,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    territory_id BLOB REFERENCES territories(id),
    granted_at TEXT NOT NULL
);
CREATE UNIQUE INDEX role_grants_unique ON role_grants(user_id, role, COALESCE(territory_id, X''));
CREATE INDEX role_grants_territory ON role_grants(territory_id);

CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY NOT NULL,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_attempts (
    id BLOB PRIMARY KEY NOT NULL,
    subject TEXT NOT NULL,
    attempted_at TEXT NOT NULL
);
CREATE INDEX login_attempts_subject ON login_attempts(subject, attempted_at);
