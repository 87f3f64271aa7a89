-- PB envelope split: village quotas or city-district sub-envelopes, and their history.
-- No row in pb_envelope_split: the whole envelope is counted at once.
CREATE TABLE pb_envelope_split (
    cycle_id UUID PRIMARY KEY REFERENCES pb_cycles(id) ON DELETE CASCADE,
    -- 'villages' (quotas, the rest counted over the remainder) or 'districts' (city districts).
    kind TEXT NOT NULL,
    -- 'population' (reserved_bp of the envelope, split by population) or 'fixed'.
    mode TEXT NOT NULL,
    reserved_bp BIGINT NOT NULL
);

-- One sub-envelope: a share of the envelope in basis points or a fixed amount.
CREATE TABLE pb_sub_envelopes (
    cycle_id UUID NOT NULL REFERENCES pb_cycles(id) ON DELETE CASCADE,
    territory_id UUID NOT NULL REFERENCES territories(id),
    position BIGINT NOT NULL,
    share_bp BIGINT,
    amount_tiyn BIGINT,
    PRIMARY KEY (cycle_id, territory_id)
);

CREATE TABLE pb_envelope_events (
    id UUID PRIMARY KEY,
    cycle_id UUID NOT NULL REFERENCES pb_cycles(id) ON DELETE CASCADE,
    at TIMESTAMPTZ NOT NULL,
    by_user UUID REFERENCES users(id),
    -- 'split-population', 'split-fixed', 'split-cleared' or 'redistributed'.
    event TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX pb_envelope_events_cycle ON pb_envelope_events(cycle_id, at);
