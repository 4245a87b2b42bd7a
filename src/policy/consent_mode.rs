//! Google Consent Mode v2: which signals a set of choices grants.
//!
//! The stub sets every signal to "denied" before any tag runs; Kite sends
//! `gtag('consent', 'update', …)` with the result of [`signals`] after every choice.

use super::config::{Config, PurposeKind};

/// A Google Consent Mode v2 signal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsentSignal {
    /// `ad_storage`
    AdStorage,
    /// `ad_user_data`
    AdUserData,
    /// `ad_personalization`
    AdPersonalization,
    /// `analytics_storage`
    AnalyticsStorage,
    /// `functionality_storage`
    FunctionalityStorage,
    /// `personalization_storage`
    PersonalizationStorage,
}

impl ConsentSignal {
    /// Every signal, in the order Kite reports them.
    pub const ALL: [ConsentSignal; 6] = [
        ConsentSignal::AdStorage,
        ConsentSignal::AdUserData,
        ConsentSignal::AdPersonalization,
        ConsentSignal::AnalyticsStorage,
        ConsentSignal::FunctionalityStorage,
        ConsentSignal::PersonalizationStorage,
    ];

    /// The signal's name in `gtag` calls.
    pub fn name(self) -> &'static str {
        match self {
            ConsentSignal::AdStorage => "ad_storage",
            ConsentSignal::AdUserData => "ad_user_data",
            ConsentSignal::AdPersonalization => "ad_personalization",
            ConsentSignal::AnalyticsStorage => "analytics_storage",
            ConsentSignal::FunctionalityStorage => "functionality_storage",
            ConsentSignal::PersonalizationStorage => "personalization_storage",
        }
    }

    /// Parses a signal name from the config.
    pub fn from_name(name: &str) -> Option<ConsentSignal> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }

    /// True for the three advertising signals.
    pub fn is_advertising(self) -> bool {
        matches!(self, ConsentSignal::AdStorage | ConsentSignal::AdUserData | ConsentSignal::AdPersonalization)
    }

    /// The signals a built-in purpose grants when the config does not say.
    pub fn defaults_for(kind: PurposeKind) -> &'static [ConsentSignal] {
        match kind {
            PurposeKind::Analytics => &[ConsentSignal::AnalyticsStorage],
            PurposeKind::Functional => &[ConsentSignal::FunctionalityStorage, ConsentSignal::PersonalizationStorage],
            PurposeKind::Marketing => &[ConsentSignal::AdStorage, ConsentSignal::AdUserData, ConsentSignal::AdPersonalization],
            PurposeKind::Necessary | PurposeKind::Custom => &[],
        }
    }
}

/// Each signal and whether it is granted, given which purposes are allowed. A signal is
/// granted only when a purpose that maps to it is allowed.
pub fn signals(config: &Config, allowed: impl Fn(&str) -> bool) -> [(ConsentSignal, bool); 6] {
    ConsentSignal::ALL.map(|signal| {
        let granted = config.purposes.iter().any(|p| p.consent_mode.contains(&signal) && allowed(&p.name));
        (signal, granted)
    })
}
