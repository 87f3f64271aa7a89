//! The `qatysu` command's pieces, as a library so the end-to-end tests drive exactly what
//! the binary runs.

pub mod cli;
pub mod i18n;
pub mod messages;
pub mod setup;
