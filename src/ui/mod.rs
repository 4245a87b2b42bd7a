//! What Kite shows, in an open shadow root so the host page's CSS cannot break it and Kite's
//! cannot break the page. Every panel is a [`crate::policy::view::Panel`] built by the policy
//! core; the UI only draws it and reports which button was pressed, through the callbacks it
//! is given when it is mounted. It decides nothing.
//!
//! - [`Shell`] ([`first_paint`]): Kite's host element, the banner, embeds' placeholders, the
//!   Privacy settings button, the buttons in Kite's elements and the live region. It is what
//!   every page downloads, so it is drawn with plain DOM calls: Leptos on the first paint
//!   would cost about 30 KB (brotli) of the 80 KB budget for the whole first download.
//! - [`dialogs`] and [`Panel`]: every dialog a room shows (preferences, "you are leaving",
//!   notices, rights, the warnings) and the signs, in Leptos. They download with the first
//!   room that shows one.

pub mod dialogs;
mod first_paint;
pub mod icons;
mod panel;
mod styles;

pub use first_paint::{Actions, Shell};
pub use panel::{Panel, Pressed};

/// The name of the element Kite adds to the page to hold its shadow root.
pub const HOST_TAG: &str = "kite-root";

/// The element a page places where the monitoring sign should sit (its `by` and `what`
/// attributes, when present, also declare who can see what).
pub const MONITORING_TAG: &str = "kite-monitoring";

/// The element a page author places to show a "Your information" button that opens the
/// rights panel.
pub const RIGHTS_TAG: &str = "kite-rights";

/// The element a page author places where a "Privacy settings" button should sit (a footer,
/// a menu), which opens the preferences dialog.
pub const CONSENT_TAG: &str = "kite-consent";

/// The close (×) icon: fixed markup, never text from a config.
const CLOSE_ICON: &str = r#"<svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16"><path d="M3 3l10 10M13 3L3 13" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>"#;
