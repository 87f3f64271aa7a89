-- People's Participation Budget: the MRP table, cycles, co-financing, stage history.
CREATE TABLE mrp_values (
    valid_from TEXT PRIMARY KEY NOT NULL,
    year INTEGER NOT NULL,
    value_tiyn INTEGER NOT NULL
);
-- RULES.md; 2022 keeps 3,063 (the value for fines and taxes; 3,180 from 1 June was for benefits).
INSERT INTO mrp_values (valid_from, year, value_tiyn) VALUES
    ('2020-01-01', 2020, 265100), ('2020-04-01', 2020, 277800), ('2021-01-01', 2021, 291700),
    ('2022-01-01', 2022, 306300), ('2023-01-01', 2023, 345000), ('2024-01-01', 2024, 369200),
    ('2025-01-01', 2025, 393200), ('2026-01-01', 2026, 432500);

CREATE TABLE pb_cycles (
    id BLOB PRIMARY KEY NOT NULL,
    territory_id BLOB NOT NULL REFERENCES territories(id),
    year INTEGER NOT NULL,
    stage TEXT NOT NULL,
    housing_spending_tiyn INTEGER NOT NULL,
    share_bp INTEGER NOT NULL,
    mrp_tiyn INTEGER NOT NULL,
    cap_mrp INTEGER NOT NULL,
    ballot_type TEXT NOT NULL,
    ballot_k INTEGER,
    rule TEXT NOT NULL,
    min_age INTEGER NOT NULL,
    min_verification INTEGER NOT NULL,
    max_proposals_per_author INTEGER NOT NULL,
    revision_enabled INTEGER NOT NULL,
    votes_visible INTEGER NOT NULL,
    changes_allowed INTEGER NOT NULL,
    collection_start TEXT NOT NULL,
    collection_end TEXT NOT NULL,
    review_end TEXT NOT NULL,
    discussion_end TEXT NOT NULL,
    voting_start TEXT NOT NULL,
    voting_end TEXT NOT NULL,
    created_by BLOB REFERENCES users(id),
    created_at TEXT NOT NULL,
    UNIQUE (territory_id, year)
);

CREATE TABLE pb_cofinancing (
    id BLOB PRIMARY KEY NOT NULL,
    cycle_id BLOB NOT NULL REFERENCES pb_cycles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    source TEXT NOT NULL,
    amount_tiyn INTEGER NOT NULL,
    min_turnout_bp INTEGER
);
CREATE INDEX pb_cofinancing_cycle ON pb_cofinancing(cycle_id);

CREATE TABLE pb_stage_events (
    id BLOB PRIMARY KEY NOT NULL,
    cycle_id BLOB NOT NULL REFERENCES pb_cycles(id) ON DELETE CASCADE,
    from_stage TEXT,
    to_stage TEXT NOT NULL,
    at TEXT NOT NULL,
    by_user BLOB REFERENCES users(id)
);
CREATE INDEX pb_stage_events_cycle ON pb_stage_events(cycle_id, at);

CREATE TABLE pb_proposals (
    id BLOB PRIMARY KEY NOT NULL,
    cycle_id BLOB NOT NULL REFERENCES pb_cycles(id),
    author_id BLOB REFERENCES users(id),
    author_name TEXT NOT NULL,
    channel TEXT NOT NULL,
    paper_form_number TEXT,
    entered_by BLOB REFERENCES users(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    category TEXT NOT NULL,
    village_id BLOB NOT NULL REFERENCES territories(id),
    place TEXT NOT NULL,
    cost_tiyn INTEGER NOT NULL,
    pledge_money_tiyn INTEGER NOT NULL,
    pledge_labour_days INTEGER NOT NULL,
    status TEXT NOT NULL,
    -- The expert council's decision, public with its reason.
    decision_reason TEXT,
    merged_into BLOB REFERENCES pb_proposals(id),
    decided_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    -- A paper form is typed in once per cycle.
    UNIQUE (cycle_id, paper_form_number)
);
CREATE INDEX pb_proposals_cycle ON pb_proposals(cycle_id, status);
CREATE INDEX pb_proposals_author ON pb_proposals(author_id);

CREATE TABLE pb_cost_items (
    id BLOB PRIMARY KEY NOT NULL,
    proposal_id BLOB NOT NULL REFERENCES pb_proposals(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    amount_tiyn INTEGER NOT NULL
);
CREATE INDEX pb_cost_items_proposal ON pb_cost_items(proposal_id);

CREATE TABLE pb_proposal_events (
    id BLOB PRIMARY KEY NOT NULL,
    proposal_id BLOB NOT NULL REFERENCES pb_proposals(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    by_user BLOB REFERENCES users(id),
    event TEXT NOT NULL
);
CREATE INDEX pb_proposal_events_proposal ON pb_proposal_events(proposal_id, at);

-- The expert council (сараптамалық кеңес) of a cycle: at least half should be civil society.
CREATE TABLE pb_council_members (
    id BLOB PRIMARY KEY NOT NULL,
    cycle_id BLOB NOT NULL REFERENCES pb_cycles(id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users(id),
    civil_society INTEGER NOT NULL,
    added_at TEXT NOT NULL,
    UNIQUE (cycle_id, user_id)
);

-- One conclusion per member per proposal; a member may revise it while review lasts.
CREATE TABLE pb_conclusions (
    id BLOB PRIMARY KEY NOT NULL,
    proposal_id BLOB NOT NULL REFERENCES pb_proposals(id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users(id),
    legal INTEGER NOT NULL,
    feasible INTEGER NOT NULL,
    adjusted_cost_tiyn INTEGER,
    comment TEXT NOT NULL,
    at TEXT NOT NULL,
    UNIQUE (proposal_id, user_id)
);

-- Ballots (бюллетень): one per person per cycle, enforced here. A person is their IIN
-- fingerprint, so an online ballot and a paper one of the same person collide.
CREATE TABLE pb_ballots (
    id BLOB PRIMARY KEY NOT NULL,
    cycle_id BLOB NOT NULL REFERENCES pb_cycles(id),
    person_hash BLOB NOT NULL,
    voter_id BLOB REFERENCES users(id),
    channel TEXT NOT NULL,
    receipt TEXT NOT NULL UNIQUE,
    entered_by BLOB REFERENCES users(id),
    cast_at TEXT NOT NULL,
    UNIQUE (cycle_id, person_hash)
);

CREATE TABLE pb_ballot_choices (
    ballot_id BLOB NOT NULL REFERENCES pb_ballots(id) ON DELETE CASCADE,
    proposal_id BLOB NOT NULL REFERENCES pb_proposals(id),
    PRIMARY KEY (ballot_id, proposal_id)
);
CREATE INDEX pb_ballot_choices_proposal ON pb_ballot_choices(proposal_id);

-- The published result of a cycle, fixed when voting closes, so that anyone can recount the
-- stored ballots (`qatysu verify`) and compare.
CREATE TABLE pb_results (
    cycle_id BLOB PRIMARY KEY NOT NULL REFERENCES pb_cycles(id),
    rule TEXT NOT NULL,
    budget_tiyn INTEGER NOT NULL,
    selected TEXT NOT NULL,
    ballots INTEGER NOT NULL,
    computed_at TEXT NOT NULL
);
