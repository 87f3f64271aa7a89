-- Messages that leave the server (e-mail, SMS): one queue for every notice and code. A worker
-- leases what it sends so two instances never send the same message at once, retries with
-- backoff and gives up after about a day. What a message says is rendered when it is sent, in
-- the recipient's language, from `kind` and `args`; the args (a code, a notice's event) are
-- purged once the message is sent or given up on. Replaces the initiatives-only outbox.
CREATE TABLE messages (
    id BLOB PRIMARY KEY NOT NULL,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    -- What the message is about (an event id, a code id): one message per kind, subject and
    -- person, however often the same thing is queued.
    subject TEXT NOT NULL,
    channel TEXT NOT NULL,
    args TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    lease_until TEXT,
    last_error TEXT,
    expires_at TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    UNIQUE (kind, subject, user_id)
);
CREATE INDEX messages_due ON messages(status, next_attempt_at);
CREATE INDEX messages_user ON messages(user_id, status);

INSERT INTO messages (id, user_id, kind, subject, channel, args, status, attempts,
    next_attempt_at, created_at, sent_at)
SELECT randomblob(16), user_id, 'initiative_notice', lower(substr(hex(event_id), 1, 8) || '-' || substr(hex(event_id), 9, 4) || '-' || substr(hex(event_id), 13, 4) || '-' || substr(hex(event_id), 17, 4) || '-' || substr(hex(event_id), 21)), channel, '{}',
    CASE WHEN sent_at IS NULL THEN 'pending' ELSE 'sent' END, 0, created_at, created_at, sent_at
FROM outbox;
DROP TABLE outbox;
