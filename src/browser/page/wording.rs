//! The wording room: what is wrong with the config, field by field, with the fix. The core
//! keeps the checker's verdict (which parts of the config are used, which fall back to a safe
//! default) and only counts the mistakes; their words load when there are any.

use super::rooms::room;
use crate::policy::config::{Config, ConfigError};
use crate::policy::json::Json;

room!(wording:
    /// Every mistake in `json`, worded.
    pub(super) fn mistakes(json: Json) -> Vec<ConfigError> {
        Config::from_json(&json).1
    }
);
