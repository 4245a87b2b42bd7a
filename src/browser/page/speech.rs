//! The "Read to me" room, for the youngest readers' banner: it waits for the browser's voices
//! and, when there is one for the page's language, gives the banner its button, which speaks
//! with the browser's own speech synthesis. (The rooms' dialogs speak directly.)

use super::current;
use super::rooms::{room, Port};
use crate::browser::speech;
use std::rc::Rc;

/// What the core asks of the speech room.
pub trait Speech: Port {
    /// Gives the banner its "Read to me" once the browser has a voice for the language.
    fn offer(&self);
    /// Reads `text` out in `lang`.
    fn speak(&self, text: &str, lang: &str);
}

room!(speech, "6bf782fbc2699f82f92d39a8b9cefa76", LOADER:
    /// Loads the speech room.
    pub(super) fn load() -> Rc<dyn Speech> {
        Rc::new(SpeechRoom)
    }
);

struct SpeechRoom;

impl Port for SpeechRoom {}

impl Speech for SpeechRoom {
    fn offer(&self) {
        speech::prepare(|| {
            if let Some(shell) = current().and_then(|page| page.shell()) {
                if speech::has_voice(shell.lang()) {
                    shell.offer_reading();
                }
            }
        });
    }

    fn speak(&self, text: &str, lang: &str) {
        speech::say(text, lang);
    }
}
