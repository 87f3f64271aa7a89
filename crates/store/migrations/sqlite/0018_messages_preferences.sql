-- How a person wants to be reached: the language messages are written in (kk, ru, en; Kazakh,
-- the state language, for everyone who has not chosen) and the channel (NULL: whichever
-- contact the account has, e-mail first; 'email' or 'sms' when the person chose one).
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'kk';
ALTER TABLE users ADD COLUMN channel TEXT;
