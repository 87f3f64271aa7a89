-- Messages that leave the server (e-mail, SMS): one queue for every notice and code. A worker
-- leases what it sends so two instances never send the same message at once, retries with
-- backoff and gives up after about a day. What a message says is rendered when it is sent, in
-- the recipient's language, from `kind` and `args`; the args (a code, a notice's event) are
-- purged once the message is sent or given up on. Replaces the initiatives-only outbox.
CREATE TABLE messages (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    -- What the message is about (an event id, a code id): one message per kind, subject and
    -- person, however often the same thing is queued.
    subject TEXT NOT NULL,
    channel TEXT NOT NULL,
    args TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    lease_until TIMESTAMPTZ,
    last_error TEXT,
    expires_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    sent_at TIMESTAMPTZ,
    UNIQUE (kind, subject, user_id)
);
CREATE INDEX messages_due ON messages(status, next_attempt_at);
CREATE INDEX messages_user ON messages(user_id, status);

INSERT INTO messages (id, user_id, kind, subject, channel, args, status, attempts,
    next_attempt_at, created_at, sent_at)
SELECT gen_random_uuid(), user_id, 'initiative_notice', event_id::text, channel, '{}',
    CASE WHEN sent_at IS NULL THEN 'pending' ELSE 'sent' END, 0, created_at, created_at, sent_at
FROM outbox;
DROP TABLE outbox;
