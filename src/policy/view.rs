//! What the consent UI shows, decided here so components only render it: the words in the
//! right language and age band (with the site's own overrides), and one row per purpose with
//! its state and whether it can be switched.

use super::age::AgeBand;
use super::config::{Config, PurposeKind};
use super::consent::{ChoiceTable, Clock, Consent, Prompt, RecordStore};
use super::locale::{self, Lang};

/// Words for one language and age band, with the site's overrides applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Words {
    /// The language.
    pub lang: Lang,
    /// The age band.
    pub band: AgeBand,
    overrides: Vec<(String, String)>,
}

impl Words {
    /// The words for `lang` and `band`, with `config`'s overrides for that language.
    pub fn new(config: &Config, lang: Lang, band: AgeBand) -> Words {
        let overrides = config.text.iter().filter(|(l, _, _)| *l == lang).map(|(_, k, v)| (k.clone(), v.clone())).collect();
        Words { lang, band, overrides }
    }

    /// The text for a message key.
    pub fn get(&self, key: &str) -> String {
        match self.overrides.iter().find(|(k, _)| k == key) {
            Some((_, text)) => text.clone(),
            None => locale::message(self.lang, key, self.band).to_string(),
        }
    }
}

/// Why a switch cannot be changed by the person looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lock {
    /// "necessary": always on.
    AlwaysOn,
    /// Global Privacy Control keeps it off.
    GlobalPrivacyControl,
    /// Only a parent or carer can switch it on.
    Guardian,
}

/// One service in the preferences dialog.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceRow {
    /// Its name.
    pub name: String,
    /// Its label.
    pub label: String,
    /// What it does, if the config says.
    pub description: Option<String>,
    /// The cookies it sets, as written in the config.
    pub cookies: Vec<String>,
}

/// One purpose in the preferences dialog.
#[derive(Clone, Debug, PartialEq)]
pub struct PurposeRow {
    /// Its name.
    pub name: String,
    /// Its label.
    pub label: String,
    /// What it is for.
    pub description: String,
    /// Why it cannot be switched, if it cannot.
    pub lock: Option<Lock>,
    /// Its services.
    pub services: Vec<ServiceRow>,
}

/// Everything the consent UI shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ConsentView {
    /// What to ask now.
    pub prompt: Prompt,
    /// The page's language, for the `lang` attribute.
    pub lang: Lang,
    /// The words.
    pub words: Words,
    /// The purposes, "necessary" first.
    pub purposes: Vec<PurposeRow>,
    /// The current choices (the starting point of the preferences dialog).
    pub choices: ChoiceTable,
    /// Global Privacy Control is on, so the UI says it was honoured.
    pub gpc: bool,
    /// Only a parent or carer can switch optional purposes on.
    pub guardian_required: bool,
    /// Show the "Privacy settings" button once a choice is made.
    pub settings_button: bool,
}

impl ConsentView {
    /// Builds the view of `consent` in `lang`.
    pub fn of<S: RecordStore, C: Clock>(consent: &Consent<S, C>, lang: Lang) -> ConsentView {
        let config = consent.config();
        let words = Words::new(config, lang, consent.band());
        let guardian_required = consent.guardian_required();
        let purposes = config
            .purposes
            .iter()
            .map(|p| {
                let builtin = |part: &str| match p.kind {
                    PurposeKind::Custom => p.name.clone(),
                    _ => words.get(&format!("purpose.{}.{part}", p.name)),
                };
                let lock = if p.kind == PurposeKind::Necessary {
                    Some(Lock::AlwaysOn)
                } else if consent.locked_by_gpc(&p.name) {
                    Some(Lock::GlobalPrivacyControl)
                } else if guardian_required {
                    Some(Lock::Guardian)
                } else {
                    None
                };
                PurposeRow {
                    name: p.name.clone(),
                    label: p.label.as_ref().map_or_else(|| builtin("label"), |t| t.get(lang).to_string()),
                    description: p.description.as_ref().map_or_else(
                        || if p.kind == PurposeKind::Custom { String::new() } else { builtin("description") },
                        |t| t.get(lang).to_string(),
                    ),
                    lock,
                    services: p
                        .services
                        .iter()
                        .map(|s| ServiceRow {
                            name: s.name.clone(),
                            label: s.label.as_ref().map_or_else(|| s.name.clone(), |t| t.get(lang).to_string()),
                            description: s.description.as_ref().map(|t| t.get(lang).to_string()),
                            cookies: s.cookies.iter().map(|c| c.as_str().to_string()).collect(),
                        })
                        .collect(),
                }
            })
            .collect();
        ConsentView {
            prompt: consent.prompt(),
            lang,
            words,
            purposes,
            choices: consent.table().clone(),
            gpc: consent.environment().global_privacy_control && config.purposes.iter().any(|p| p.sharing),
            guardian_required,
            settings_button: config.settings_button,
        }
    }
}
