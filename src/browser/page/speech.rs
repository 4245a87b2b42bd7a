//! The "Read to me" room: the banner's button speaks with the browser's own speech synthesis
//! (the rooms' dialogs, loaded with it, speak directly). Whether the button shows is decided in
//! the core ([`crate::browser::speech::has_voice`]), so the banner is right on the first paint.

use super::rooms::{room, Port};
use std::rc::Rc;

/// What the core asks of the speech room.
pub trait Speech: Port {
    /// Reads `text` out in `lang`.
    fn speak(&self, text: &str, lang: &str);
}

room!(speech:
    /// Loads the speech room.
    pub(super) fn load() -> Rc<dyn Speech> {
        Rc::new(SpeechRoom)
    }
);

struct SpeechRoom;

impl Port for SpeechRoom {}

impl Speech for SpeechRoom {
    fn speak(&self, text: &str, lang: &str) {
        crate::browser::speech::say(text, lang);
    }
}
