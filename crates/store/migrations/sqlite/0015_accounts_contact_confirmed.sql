-- When the account's phone or e-mail was last proven by a one-time code (NULL: not proven).
-- A change of contact is kept only once the new one is confirmed, so the column stays set
-- across changes; a registrar typing a contact at the desk (squatting) clears it.
ALTER TABLE users ADD COLUMN contact_confirmed_at TEXT;
-- Accounts already at the level 'contact' reached it with a code.
UPDATE users SET contact_confirmed_at = created_at
    WHERE level = 'contact' AND (phone IS NOT NULL OR email IS NOT NULL);
