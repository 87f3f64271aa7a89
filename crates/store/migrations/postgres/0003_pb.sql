-- People's Participation Budget: the MRP table, cycles, co-financing, stage history.
CREATE TABLE mrp_values (
    valid_from DATE PRIMARY KEY,
    year BIGINT NOT NULL,
    value_tiyn BIGINT NOT NULL
);
-- RULES.md; 2022 keeps 3,063 (the value for fines and taxes; 3,180 from 1 June was for benefits).
INSERT INTO mrp_values (valid_from, year, value_tiyn) VALUES
    ('2020-01-01', 2020, 265100), ('2020-04-01', 2020, 277800), ('2021-01-01', 2021, 291700),
    ('2022-01-01', 2022, 306300), ('2023-01-01', 2023, 345000), ('2024-01-01', 2024, 369200),
    ('2025-01-01', 2025, 393200), ('2026-01-01', 2026, 432500);

CREATE TABLE pb_cycles (
    id UUID PRIMARY KEY,
    territory_id UUID NOT NULL REFERENCES territories(id),
    year BIGINT NOT NULL,
    stage TEXT NOT NULL,
    housing_spending_tiyn BIGINT NOT NULL,
    share_bp BIGINT NOT NULL,
    mrp_tiyn BIGINT NOT NULL,
    cap_mrp BIGINT NOT NULL,
    ballot_type TEXT NOT NULL,
    ballot_k BIGINT,
    rule TEXT NOT NULL,
    min_age BIGINT NOT NULL,
    min_verification BIGINT NOT NULL,
    max_proposals_per_author BIGINT NOT NULL,
    revision_enabled BOOLEAN NOT NULL,
    votes_visible BOOLEAN NOT NULL,
    changes_allowed BOOLEAN NOT NULL,
    collection_start DATE NOT NULL,
    collection_end DATE NOT NULL,
    review_end DATE NOT NULL,
    discussion_end DATE NOT NULL,
    voting_start DATE NOT NULL,
    voting_end DATE NOT NULL,
    created_by UUID REFERENCES users(id),
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (territory_id, year)
);

CREATE TABLE pb_cofinancing (
    id UUID PRIMARY KEY,
    cycle_id UUID NOT NULL REFERENCES pb_cycles(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    source TEXT NOT NULL,
    amount_tiyn BIGINT NOT NULL,
    min_turnout_bp BIGINT
);
CREATE INDEX pb_cofinancing_cycle ON pb_cofinancing(cycle_id);

CREATE TABLE pb_stage_events (
    id UUID PRIMARY KEY,
    cycle_id UUID NOT NULL REFERENCES pb_cycles(id) ON DELETE CASCADE,
    from_stage TEXT,
    to_stage TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    by_user UUID REFERENCES users(id)
);
CREATE INDEX pb_stage_events_cycle ON pb_stage_events(cycle_id, at);

CREATE TABLE pb_proposals (
    id UUID PRIMARY KEY,
    cycle_id UUID NOT NULL REFERENCES pb_cycles(id),
    author_id UUID REFERENCES users(id),
    author_name TEXT NOT NULL,
    channel TEXT NOT NULL,
    paper_form_number TEXT,
    entered_by UUID REFERENCES users(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    category TEXT NOT NULL,
    village_id UUID NOT NULL REFERENCES territories(id),
    place TEXT NOT NULL,
    cost_tiyn BIGINT NOT NULL,
    pledge_money_tiyn BIGINT NOT NULL,
    pledge_labour_days BIGINT NOT NULL,
    status TEXT NOT NULL,
    -- The expert council's decision, public with its reason.
    decision_reason TEXT,
    merged_into UUID REFERENCES pb_proposals(id),
    decided_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    -- A paper form is typed in once per cycle.
    UNIQUE (cycle_id, paper_form_number)
);
CREATE INDEX pb_proposals_cycle ON pb_proposals(cycle_id, status);
CREATE INDEX pb_proposals_author ON pb_proposals(author_id);

CREATE TABLE pb_cost_items (
    id UUID PRIMARY KEY,
    proposal_id UUID NOT NULL REFERENCES pb_proposals(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    label TEXT NOT NULL,
    amount_tiyn BIGINT NOT NULL
);
CREATE INDEX pb_cost_items_proposal ON pb_cost_items(proposal_id);

CREATE TABLE pb_proposal_events (
    id UUID PRIMARY KEY,
    proposal_id UUID NOT NULL REFERENCES pb_proposals(id) ON DELETE CASCADE,
    at TIMESTAMPTZ NOT NULL,
    by_user UUID REFERENCES users(id),
    event TEXT NOT NULL
);
CREATE INDEX pb_proposal_events_proposal ON pb_proposal_events(proposal_id, at);

-- The expert council (сараптамалық кеңес) of a cycle: at least half should be civil society.
CREATE TABLE pb_council_members (
    id UUID PRIMARY KEY,
    cycle_id UUID NOT NULL REFERENCES pb_cycles(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id),
    civil_society BOOLEAN NOT NULL,
    added_at TIMESTAMPTZ NOT NULL,
    UNIQUE (cycle_id, user_id)
);

-- One conclusion per member per proposal; a member may revise it while review lasts.
CREATE TABLE pb_conclusions (
    id UUID PRIMARY KEY,
    proposal_id UUID NOT NULL REFERENCES pb_proposals(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id),
    legal BOOLEAN NOT NULL,
    feasible BOOLEAN NOT NULL,
    adjusted_cost_tiyn BIGINT,
    comment TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    UNIQUE (proposal_id, user_id)
);

-- Ballots (бюллетень): one per person per cycle, enforced here. A person is their IIN
-- fingerprint, so an online ballot and a paper one of the same person collide.
CREATE TABLE pb_ballots (
    id UUID PRIMARY KEY,
    cycle_id UUID NOT NULL REFERENCES pb_cycles(id),
    person_hash BYTEA NOT NULL,
    voter_id UUID REFERENCES users(id),
    channel TEXT NOT NULL,
    receipt TEXT NOT NULL UNIQUE,
    entered_by UUID REFERENCES users(id),
    cast_at TIMESTAMPTZ NOT NULL,
    UNIQUE (cycle_id, person_hash)
);

CREATE TABLE pb_ballot_choices (
    ballot_id UUID NOT NULL REFERENCES pb_ballots(id) ON DELETE CASCADE,
    proposal_id UUID NOT NULL REFERENCES pb_proposals(id),
    PRIMARY KEY (ballot_id, proposal_id)
);
CREATE INDEX pb_ballot_choices_proposal ON pb_ballot_choices(proposal_id);

-- The published result of a cycle, fixed when voting closes, so that anyone can recount the
-- stored ballots (`qatysu verify`) and compare.
CREATE TABLE pb_results (
    cycle_id UUID PRIMARY KEY REFERENCES pb_cycles(id),
    rule TEXT NOT NULL,
    budget_tiyn BIGINT NOT NULL,
    selected TEXT NOT NULL,
    ballots BIGINT NOT NULL,
    computed_at TIMESTAMPTZ NOT NULL
);
