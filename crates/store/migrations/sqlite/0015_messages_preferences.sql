-- Placeholder for the senders branch's 0015_messages_preferences (users.channel); that branch's
-- file replaces this one when both are merged. Nothing to do here.
SELECT 1;
