//! # Kite
//!
//! A privacy layer for UK school websites and pupil dashboards that puts the ICO's
//! Children's Code (the Age Appropriate Design Code) into practice in the browser: consent
//! with high-privacy defaults that really blocks trackers until someone chooses.
//!
//! - [`policy`] decides (pure Rust, no browser).
//! - `browser` applies those decisions to the page (WebAssembly builds only).
//! - `ui` shows Leptos components in a shadow root (WebAssembly builds only).
//! - `api` is the JavaScript surface (WebAssembly builds only).
#![deny(missing_docs)]
// Text from outside (config, cookies, addresses, storage, messages) is never sliced or indexed
// by byte position: a slice inside a character, or past the end, panics, and a panic traps the
// WebAssembly and takes Kite off the page. Use `get(..)`, `split_at_checked`, `strip_prefix`
// or an iterator; allow it only where a comment proves the index in bounds.
#![deny(clippy::string_slice, clippy::indexing_slicing)]

pub mod policy;

/// Kite's own web build allocates with Talc, which is smaller than the default allocator.
#[cfg(all(target_arch = "wasm32", feature = "small-alloc"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod ui;
