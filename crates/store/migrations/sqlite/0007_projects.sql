-- Public control of funded projects: implementation records and their public log, monitoring
-- groups and their acceptance, residents' monitoring reports, and the editable holiday table
-- behind every working-day deadline.

-- Public holidays (a secular holiday on a weekend carries over to the next working day) and the
-- government's day transfers. Seeded with the defaults for 2024-2030 (Kurban Ait is announced
-- each year: add it from 2028 on); administrators edit both at /admin/holidays.
CREATE TABLE holidays (
    day TEXT PRIMARY KEY NOT NULL,
    carries_over INTEGER NOT NULL
);
INSERT INTO holidays (day, carries_over) VALUES
    ('2024-01-01', 1), ('2024-01-02', 1), ('2024-01-07', 0), ('2024-03-08', 1), ('2024-03-21', 1), ('2024-03-22', 1),
    ('2024-03-23', 1), ('2024-05-01', 1), ('2024-05-07', 1), ('2024-05-09', 1), ('2024-07-06', 1), ('2024-08-30', 1),
    ('2024-10-25', 1), ('2024-12-16', 1), ('2024-06-16', 0), ('2025-01-01', 1), ('2025-01-02', 1), ('2025-01-07', 0),
    ('2025-03-08', 1), ('2025-03-21', 1), ('2025-03-22', 1), ('2025-03-23', 1), ('2025-05-01', 1), ('2025-05-07', 1),
    ('2025-05-09', 1), ('2025-07-06', 1), ('2025-08-30', 1), ('2025-10-25', 1), ('2025-12-16', 1), ('2025-06-06', 0),
    ('2026-01-01', 1), ('2026-01-02', 1), ('2026-01-07', 0), ('2026-03-08', 1), ('2026-03-21', 1), ('2026-03-22', 1),
    ('2026-03-23', 1), ('2026-05-01', 1), ('2026-05-07', 1), ('2026-05-09', 1), ('2026-07-06', 1), ('2026-08-30', 1),
    ('2026-10-25', 1), ('2026-12-16', 1), ('2026-05-27', 0), ('2027-01-01', 1), ('2027-01-02', 1), ('2027-01-07', 0),
    ('2027-03-08', 1), ('2027-03-21', 1), ('2027-03-22', 1), ('2027-03-23', 1), ('2027-05-01', 1), ('2027-05-07', 1),
    ('2027-05-09', 1), ('2027-07-06', 1), ('2027-08-30', 1), ('2027-10-25', 1), ('2027-12-16', 1), ('2027-05-16', 0),
    ('2028-01-01', 1), ('2028-01-02', 1), ('2028-01-07', 0), ('2028-03-08', 1), ('2028-03-21', 1), ('2028-03-22', 1),
    ('2028-03-23', 1), ('2028-05-01', 1), ('2028-05-07', 1), ('2028-05-09', 1), ('2028-07-06', 1), ('2028-08-30', 1),
    ('2028-10-25', 1), ('2028-12-16', 1), ('2029-01-01', 1), ('2029-01-02', 1), ('2029-01-07', 0), ('2029-03-08', 1),
    ('2029-03-21', 1), ('2029-03-22', 1), ('2029-03-23', 1), ('2029-05-01', 1), ('2029-05-07', 1), ('2029-05-09', 1),
    ('2029-07-06', 1), ('2029-08-30', 1), ('2029-10-25', 1), ('2029-12-16', 1), ('2030-01-01', 1), ('2030-01-02', 1),
    ('2030-01-07', 0), ('2030-03-08', 1), ('2030-03-21', 1), ('2030-03-22', 1), ('2030-03-23', 1), ('2030-05-01', 1),
    ('2030-05-07', 1), ('2030-05-09', 1), ('2030-07-06', 1), ('2030-08-30', 1), ('2030-10-25', 1), ('2030-12-16', 1);

CREATE TABLE day_transfers (
    day_off TEXT PRIMARY KEY NOT NULL,
    working_day TEXT NOT NULL
);

-- One record per funded proposal (the published result's selection).
CREATE TABLE implementations (
    proposal_id BLOB PRIMARY KEY NOT NULL REFERENCES pb_proposals(id),
    contractor_name TEXT NOT NULL,
    contractor_bin TEXT NOT NULL,
    contract_number TEXT NOT NULL,
    contract_sum_tiyn INTEGER NOT NULL,
    planned_start TEXT,
    planned_end TEXT,
    actual_start TEXT,
    actual_end TEXT,
    updated_at TEXT NOT NULL
);

CREATE TABLE impl_milestones (
    id BLOB PRIMARY KEY NOT NULL,
    proposal_id BLOB NOT NULL REFERENCES pb_proposals(id),
    title TEXT NOT NULL,
    due TEXT,
    progress INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX impl_milestones_proposal ON impl_milestones(proposal_id);

CREATE TABLE impl_payments (
    id BLOB PRIMARY KEY NOT NULL,
    proposal_id BLOB NOT NULL REFERENCES pb_proposals(id),
    paid_on TEXT NOT NULL,
    amount_tiyn INTEGER NOT NULL,
    note TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX impl_payments_proposal ON impl_payments(proposal_id);

-- Every change to an implementation, public.
CREATE TABLE impl_log (
    id BLOB PRIMARY KEY NOT NULL,
    proposal_id BLOB NOT NULL REFERENCES pb_proposals(id),
    at TEXT NOT NULL,
    by_user BLOB REFERENCES users(id),
    what TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX impl_log_proposal ON impl_log(proposal_id, at);

-- Documents and photos of a project (report_id set: a resident's report photo), kept in
-- DATA/uploads/projects.
CREATE TABLE project_files (
    id BLOB PRIMARY KEY NOT NULL,
    proposal_id BLOB NOT NULL REFERENCES pb_proposals(id),
    report_id BLOB,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    uploaded_by BLOB REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX project_files_proposal ON project_files(proposal_id);

-- The monitoring group of a cycle, elected by a gathering, recorded by a coordinator.
CREATE TABLE monitoring_groups (
    cycle_id BLOB PRIMARY KEY NOT NULL REFERENCES pb_cycles(id),
    elected_on TEXT NOT NULL,
    gathering TEXT NOT NULL,
    recorded_by BLOB REFERENCES users(id),
    recorded_at TEXT NOT NULL
);
CREATE TABLE monitoring_members (
    cycle_id BLOB NOT NULL REFERENCES pb_cycles(id),
    user_id BLOB NOT NULL REFERENCES users(id),
    added_at TEXT NOT NULL,
    PRIMARY KEY (cycle_id, user_id)
);

-- One signature per member per project; remarks are public.
CREATE TABLE acceptances (
    proposal_id BLOB NOT NULL REFERENCES pb_proposals(id),
    user_id BLOB NOT NULL REFERENCES users(id),
    verdict TEXT NOT NULL,
    remarks TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    PRIMARY KEY (proposal_id, user_id)
);

-- Residents' monitoring reports; the answer is due 10 working days after filing (computed on
-- the holiday table when read, so a corrected table corrects every deadline).
CREATE TABLE monitoring_reports (
    id BLOB PRIMARY KEY NOT NULL,
    proposal_id BLOB NOT NULL REFERENCES pb_proposals(id),
    author_id BLOB NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    judgement TEXT NOT NULL,
    lat REAL,
    lon REAL,
    created_at TEXT NOT NULL,
    answer TEXT,
    answered_by BLOB REFERENCES users(id),
    answered_at TEXT
);
CREATE INDEX monitoring_reports_proposal ON monitoring_reports(proposal_id, created_at);
