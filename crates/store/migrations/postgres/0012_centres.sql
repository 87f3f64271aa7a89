-- Participation centres (цифрлық қатысу орталығы / центр цифрового участия) and the
-- registrars who work at each; a registrar's check records where it happened, the village it
-- fixed and the person's consent to the processing of personal data (Law No. 94-V).
CREATE TABLE centres (
    id UUID PRIMARY KEY,
    territory_id UUID NOT NULL REFERENCES territories(id),
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    address_kk TEXT NOT NULL,
    address_ru TEXT NOT NULL,
    hours TEXT NOT NULL,
    phone TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX centres_territory ON centres(territory_id);

CREATE TABLE centre_registrars (
    centre_id UUID NOT NULL REFERENCES centres(id),
    user_id UUID NOT NULL REFERENCES users(id),
    added_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (centre_id, user_id)
);
CREATE INDEX centre_registrars_user ON centre_registrars(user_id);

ALTER TABLE level_changes ADD COLUMN centre_id UUID REFERENCES centres(id);
ALTER TABLE level_changes ADD COLUMN village_id UUID REFERENCES territories(id);
ALTER TABLE level_changes ADD COLUMN consent BOOLEAN NOT NULL DEFAULT FALSE;
