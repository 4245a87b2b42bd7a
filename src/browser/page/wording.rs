//! The wording room: what is wrong with the config, field by field, with the fix. The core
//! keeps the checker's verdict (which parts of the config are used, which fall back to a safe
//! default) and only counts the mistakes; their words load when there are any.

use super::rooms::{room, Port};
use crate::policy::config::{Config, ConfigError};
use crate::policy::json::Json;
use std::rc::Rc;

/// What the core asks of the wording room.
pub trait Wording: Port {
    /// Every mistake in `json`, worded.
    fn mistakes(&self, json: &Json) -> Vec<ConfigError>;
}

room!(wording, "c71635121e61e2fd324d167ff2118afd", LOADER:
    /// Loads the wording room.
    pub(super) fn load() -> Rc<dyn Wording> {
        Rc::new(WordingRoom)
    }
);

struct WordingRoom;

impl Port for WordingRoom {}

impl Wording for WordingRoom {
    fn mistakes(&self, json: &Json) -> Vec<ConfigError> {
        Config::from_json(json).1
    }
}
