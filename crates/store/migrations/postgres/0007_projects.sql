-- Public control of funded projects: implementation records and their public log, monitoring
-- groups and their acceptance, residents' monitoring reports, and the editable holiday table
-- behind every working-day deadline.

-- Public holidays (a secular holiday on a weekend carries over to the next working day) and the
-- government's day transfers. Seeded with the defaults for 2024-2030 (Kurban Ait is announced
-- each year: add it from 2028 on); administrators edit both at /admin/holidays.
CREATE TABLE holidays (
    day DATE PRIMARY KEY NOT NULL,
    carries_over BOOLEAN NOT NULL
);
INSERT INTO holidays (day, carries_over) VALUES
    ('2024-01-01', TRUE), ('2024-01-02', TRUE), ('2024-01-07', FALSE), ('2024-03-08', TRUE), ('2024-03-21', TRUE), ('2024-03-22', TRUE),
    ('2024-03-23', TRUE), ('2024-05-01', TRUE), ('2024-05-07', TRUE), ('2024-05-09', TRUE), ('2024-07-06', TRUE), ('2024-08-30', TRUE),
    ('2024-10-25', TRUE), ('2024-12-16', TRUE), ('2024-06-16', FALSE), ('2025-01-01', TRUE), ('2025-01-02', TRUE), ('2025-01-07', FALSE),
    ('2025-03-08', TRUE), ('2025-03-21', TRUE), ('2025-03-22', TRUE), ('2025-03-23', TRUE), ('2025-05-01', TRUE), ('2025-05-07', TRUE),
    ('2025-05-09', TRUE), ('2025-07-06', TRUE), ('2025-08-30', TRUE), ('2025-10-25', TRUE), ('2025-12-16', TRUE), ('2025-06-06', FALSE),
    ('2026-01-01', TRUE), ('2026-01-02', TRUE), ('2026-01-07', FALSE), ('2026-03-08', TRUE), ('2026-03-21', TRUE), ('2026-03-22', TRUE),
    ('2026-03-23', TRUE), ('2026-05-01', TRUE), ('2026-05-07', TRUE), ('2026-05-09', TRUE), ('2026-07-06', TRUE), ('2026-08-30', TRUE),
    ('2026-10-25', TRUE), ('2026-12-16', TRUE), ('2026-05-27', FALSE), ('2027-01-01', TRUE), ('2027-01-02', TRUE), ('2027-01-07', FALSE),
    ('2027-03-08', TRUE), ('2027-03-21', TRUE), ('2027-03-22', TRUE), ('2027-03-23', TRUE), ('2027-05-01', TRUE), ('2027-05-07', TRUE),
    ('2027-05-09', TRUE), ('2027-07-06', TRUE), ('2027-08-30', TRUE), ('2027-10-25', TRUE), ('2027-12-16', TRUE), ('2027-05-16', FALSE),
    ('2028-01-01', TRUE), ('2028-01-02', TRUE), ('2028-01-07', FALSE), ('2028-03-08', TRUE), ('2028-03-21', TRUE), ('2028-03-22', TRUE),
    ('2028-03-23', TRUE), ('2028-05-01', TRUE), ('2028-05-07', TRUE), ('2028-05-09', TRUE), ('2028-07-06', TRUE), ('2028-08-30', TRUE),
    ('2028-10-25', TRUE), ('2028-12-16', TRUE), ('2029-01-01', TRUE), ('2029-01-02', TRUE), ('2029-01-07', FALSE), ('2029-03-08', TRUE),
    ('2029-03-21', TRUE), ('2029-03-22', TRUE), ('2029-03-23', TRUE), ('2029-05-01', TRUE), ('2029-05-07', TRUE), ('2029-05-09', TRUE),
    ('2029-07-06', TRUE), ('2029-08-30', TRUE), ('2029-10-25', TRUE), ('2029-12-16', TRUE), ('2030-01-01', TRUE), ('2030-01-02', TRUE),
    ('2030-01-07', FALSE), ('2030-03-08', TRUE), ('2030-03-21', TRUE), ('2030-03-22', TRUE), ('2030-03-23', TRUE), ('2030-05-01', TRUE),
    ('2030-05-07', TRUE), ('2030-05-09', TRUE), ('2030-07-06', TRUE), ('2030-08-30', TRUE), ('2030-10-25', TRUE), ('2030-12-16', TRUE);

CREATE TABLE day_transfers (
    day_off DATE PRIMARY KEY NOT NULL,
    working_day DATE NOT NULL
);

-- One record per funded proposal (the published result's selection).
CREATE TABLE implementations (
    proposal_id UUID PRIMARY KEY REFERENCES pb_proposals(id),
    contractor_name TEXT NOT NULL,
    contractor_bin TEXT NOT NULL,
    contract_number TEXT NOT NULL,
    contract_sum_tiyn BIGINT NOT NULL,
    planned_start DATE,
    planned_end DATE,
    actual_start DATE,
    actual_end DATE,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE impl_milestones (
    id UUID PRIMARY KEY,
    proposal_id UUID NOT NULL REFERENCES pb_proposals(id),
    title TEXT NOT NULL,
    due DATE,
    progress BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX impl_milestones_proposal ON impl_milestones(proposal_id);

CREATE TABLE impl_payments (
    id UUID PRIMARY KEY,
    proposal_id UUID NOT NULL REFERENCES pb_proposals(id),
    paid_on DATE NOT NULL,
    amount_tiyn BIGINT NOT NULL,
    note TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX impl_payments_proposal ON impl_payments(proposal_id);

-- Every change to an implementation, public.
CREATE TABLE impl_log (
    id UUID PRIMARY KEY,
    proposal_id UUID NOT NULL REFERENCES pb_proposals(id),
    at TIMESTAMPTZ NOT NULL,
    by_user UUID REFERENCES users(id),
    what TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX impl_log_proposal ON impl_log(proposal_id, at);

-- Documents and photos of a project (report_id set: a resident's report photo), kept in
-- DATA/uploads/projects.
CREATE TABLE project_files (
    id UUID PRIMARY KEY,
    proposal_id UUID NOT NULL REFERENCES pb_proposals(id),
    report_id UUID,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    uploaded_by UUID REFERENCES users(id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX project_files_proposal ON project_files(proposal_id);

-- The monitoring group of a cycle, elected by a gathering, recorded by a coordinator.
CREATE TABLE monitoring_groups (
    cycle_id UUID PRIMARY KEY REFERENCES pb_cycles(id),
    elected_on DATE NOT NULL,
    gathering TEXT NOT NULL,
    recorded_by UUID REFERENCES users(id),
    recorded_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE monitoring_members (
    cycle_id UUID NOT NULL REFERENCES pb_cycles(id),
    user_id UUID NOT NULL REFERENCES users(id),
    added_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (cycle_id, user_id)
);

-- One signature per member per project; remarks are public.
CREATE TABLE acceptances (
    proposal_id UUID NOT NULL REFERENCES pb_proposals(id),
    user_id UUID NOT NULL REFERENCES users(id),
    verdict TEXT NOT NULL,
    remarks TEXT NOT NULL,
    signed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (proposal_id, user_id)
);

-- Residents' monitoring reports; the answer is due 10 working days after filing (computed on
-- the holiday table when read, so a corrected table corrects every deadline).
CREATE TABLE monitoring_reports (
    id UUID PRIMARY KEY,
    proposal_id UUID NOT NULL REFERENCES pb_proposals(id),
    author_id UUID NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    judgement TEXT NOT NULL,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    created_at TIMESTAMPTZ NOT NULL,
    answer TEXT,
    answered_by UUID REFERENCES users(id),
    answered_at TIMESTAMPTZ
);
CREATE INDEX monitoring_reports_proposal ON monitoring_reports(proposal_id, created_at);
