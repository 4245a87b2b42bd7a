//! Pictures for the built-in notices (the ICO suggests pictures, not text alone, for younger
//! children) and the signs, and Kite's own icons. Fixed markup, never text from a config; the
//! panel gives each picture a text alternative from the locale files.

/// The shield on the Privacy settings button.
pub const SHIELD: &str = r#"<svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18"><path d="M12 2l8 3v6c0 5-3.4 9.4-8 11-4.6-1.6-8-6-8-11V5z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><path d="M8.5 12l2.5 2.5 4.5-5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>"#;

/// The person on the "Your information" button (and the profile notice).
pub const PROFILE: &str = r#"<svg aria-hidden="true" viewBox="0 0 48 48"><circle cx="24" cy="17" r="8"/><path d="M9 41c2-9 8-13 15-13s13 4 15 13"/></svg>"#;

/// The picture for a built-in notice's name or a sign (a generic one for any other name).
pub fn svg(name: &str) -> &'static str {
    match name {
        "photo-upload" => r#"<svg aria-hidden="true" viewBox="0 0 48 48"><rect x="6" y="14" width="36" height="26" rx="4"/><path d="M17 14l3-5h8l3 5"/><circle cx="24" cy="27" r="7"/></svg>"#,
        "camera" => r#"<svg aria-hidden="true" viewBox="0 0 48 48"><rect x="5" y="14" width="26" height="20" rx="4"/><path d="M31 22l12-7v18l-12-7z"/></svg>"#,
        "comment" => r#"<svg aria-hidden="true" viewBox="0 0 48 48"><path d="M8 10h32v22H22l-9 8v-8H8z"/><path d="M15 19h18M15 25h12"/></svg>"#,
        "message" => r#"<svg aria-hidden="true" viewBox="0 0 48 48"><rect x="6" y="12" width="36" height="24" rx="3"/><path d="M7 14l17 13 17-13"/></svg>"#,
        "profile" => PROFILE,
        "location" => r#"<svg aria-hidden="true" viewBox="0 0 48 48"><path d="M24 43s13-13 13-24a13 13 0 0 0-26 0c0 11 13 24 13 24z"/><circle cx="24" cy="19" r="5"/></svg>"#,
        "microphone" => r#"<svg aria-hidden="true" viewBox="0 0 48 48"><rect x="18" y="5" width="12" height="24" rx="6"/><path d="M11 23a13 13 0 0 0 26 0M24 36v7M17 43h14"/></svg>"#,
        "share-with-class" => r#"<svg aria-hidden="true" viewBox="0 0 48 48"><circle cx="14" cy="17" r="5"/><circle cx="34" cy="17" r="5"/><circle cx="24" cy="23" r="6"/><path d="M4 36c1-6 5-9 10-9M44 36c-1-6-5-9-10-9M13 42c1-7 6-10 11-10s10 3 11 10"/></svg>"#,
        "share-with-parents" => r#"<svg aria-hidden="true" viewBox="0 0 48 48"><circle cx="16" cy="12" r="6"/><circle cx="34" cy="22" r="4"/><path d="M5 43c0-12 5-19 11-19s11 7 11 19M27 43c0-7 3-12 7-12s7 5 7 12"/></svg>"#,
        "search" => r#"<svg aria-hidden="true" viewBox="0 0 48 48"><circle cx="20" cy="20" r="12"/><path d="M29 29l13 13"/></svg>"#,
        "contact-support" => r#"<svg aria-hidden="true" viewBox="0 0 48 48"><circle cx="24" cy="24" r="19"/><path d="M18 19a6 6 0 1 1 9 5c-2 1-3 2-3 5"/><circle cx="24" cy="35" r="1"/></svg>"#,
        "shield" => SHIELD,
        "eye" => r#"<svg aria-hidden="true" viewBox="0 0 48 48"><path d="M3 24s8-13 21-13 21 13 21 13-8 13-21 13S3 24 3 24z"/><circle cx="24" cy="24" r="6"/></svg>"#,
        _ => r#"<svg aria-hidden="true" viewBox="0 0 48 48"><circle cx="24" cy="24" r="19"/><path d="M24 21v13"/><circle cx="24" cy="14" r="1"/></svg>"#,
    }
}
