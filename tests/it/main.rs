//! End-to-end tests: one binary (it links once), real servers, real databases. Runs on
//! SQLite, and on PostgreSQL when `QATYSU_TEST_DATABASE_URL` is set.

mod accounts_admin;
mod accounts_codes;
mod accounts_egov;
mod accounts_identity;
mod accounts_throttle;
mod attachments;
#[macro_use]
mod browser;
mod browser_centres;
mod browser_initiatives;
mod browser_mobile;
mod browser_oidc;
mod browser_pb;
mod centres;
mod cli;
mod control;
mod demo;
mod http_accounts;
mod http_pages;
mod initiatives;
mod messages;
mod messages_sending;
mod multi_instance;
mod oversight_invitations;
mod pb;
mod pb_assisted;
mod pb_discussion;
mod pb_envelope;
mod pb_paper;
mod pb_photos;
mod pb_secret_ballot;
mod projects;
mod security_csrf;
mod storage;
mod store_contract;
mod support;
