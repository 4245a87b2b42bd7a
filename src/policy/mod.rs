//! The policy core: every decision Kite makes, as plain functions over plain data. No
//! `web-sys`, no Leptos; tested natively with `cargo test`.

pub mod age;
pub mod audit;
pub mod config;
pub mod consent;
pub mod contact;
pub mod consent_mode;
pub mod cookies;
pub mod embeds;
pub mod indicators;
pub mod json;
pub mod links;
pub mod locale;
pub mod marker;
pub mod notices;
mod psl_rules;
pub mod receipt;
pub mod record;
pub mod report;
pub mod rights;
pub mod schema;
pub mod view;
