//! The browser's clock, for the policy core's [`Clock`] port.

use crate::policy::consent::Clock;

/// `Date.now()`, in whole seconds.
#[derive(Clone, Copy, Default)]
pub struct BrowserClock;

impl Clock for BrowserClock {
    fn now(&self) -> u64 {
        (js_sys::Date::now() / 1000.0) as u64
    }
}
