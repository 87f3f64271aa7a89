-- Attempts (logins, current-password checks, registrations, code requests, slips, presence
-- codes) counted as one row per subject, so that counting an attempt and reading the count is
-- one statement, `INSERT … ON CONFLICT (subject) DO UPDATE SET n = n + 1 … RETURNING n`,
-- atomic on both engines (security review M1: the old table was checked, then written, and
-- 25 parallel attempts all passed a limit of 5). `window_start` is the first attempt of the
-- current window; an attempt after the window starts a new one at 1.
CREATE TABLE attempt_counts (
    subject TEXT PRIMARY KEY NOT NULL,
    window_start TEXT NOT NULL,
    n INTEGER NOT NULL
);
CREATE INDEX attempt_counts_window ON attempt_counts(window_start);
-- The old rows are at most a day of failed attempts: nothing to carry over.
DROP TABLE login_attempts;
