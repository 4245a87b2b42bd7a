//! Carries a choice made in one tab to the site's other open tabs, over a
//! `BroadcastChannel`. The message says only "changed"; each tab re-reads the record.
//!
//! MDN: <https://developer.mozilla.org/docs/Web/API/BroadcastChannel>

use gloo_events::EventListener;
use wasm_bindgen::JsValue;
use web_sys::BroadcastChannel;

/// A page's link to its other tabs. Dropping it closes the channel and removes the listener.
pub struct TabSync {
    channel: BroadcastChannel,
    _listener: EventListener,
}

impl TabSync {
    /// Joins the channel for `cookie_name`; `on_change` runs when another tab changes the choice.
    pub fn join(cookie_name: &str, on_change: impl Fn() + 'static) -> Option<TabSync> {
        let channel = BroadcastChannel::new(&format!("kite:{cookie_name}")).ok()?;
        let listener = EventListener::new(&channel, "message", move |_| on_change());
        Some(TabSync { channel, _listener: listener })
    }

    /// Tells the other tabs the choice changed.
    pub fn announce(&self) {
        let _ = self.channel.post_message(&JsValue::from_str("changed"));
    }
}

impl Drop for TabSync {
    fn drop(&mut self) {
        self.channel.close();
    }
}
