//! The first paint's words in Welsh (the banner's, the placeholders', the buttons'), a room of
//! their own so that an English page carries only the English. A Welsh page loads them before
//! the banner shows; if they cannot load, Kite speaks English there rather than show nothing.

use super::rooms::room;
use crate::policy::locale;

room!(welsh, "d9263e5e170e113a2d36c3b01eecaaa8", LOADER:
    /// Makes the first paint's Welsh words available.
    pub(crate) fn load() -> () {
        locale::add(&locale::WELSH);
    }
);
