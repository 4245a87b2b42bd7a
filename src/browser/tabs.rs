//! Carries a choice made in one tab to the site's other open tabs, over a
//! `BroadcastChannel`. The message is the stored record itself (choices, revision, time; no
//! identifier), or an empty string when the choice was forgotten: a browser may show one
//! tab another tab's new cookie a moment late, so tabs do not re-read it.
//!
//! MDN: <https://developer.mozilla.org/docs/Web/API/BroadcastChannel>

use gloo_events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{BroadcastChannel, MessageEvent};

/// A page's link to its other tabs. Dropping it closes the channel and removes the listener.
pub struct TabSync {
    channel: BroadcastChannel,
    _listener: EventListener,
}

impl TabSync {
    /// Joins the channel for `cookie_name`; `on_change` gets the record another tab stored
    /// (`None` when it forgot the choice).
    pub fn join(cookie_name: &str, on_change: impl Fn(Option<String>) + 'static) -> Option<TabSync> {
        let channel = BroadcastChannel::new(&format!("kite:{cookie_name}")).ok()?;
        let listener = EventListener::new(&channel, "message", move |event| {
            let data = event.unchecked_ref::<MessageEvent>().data().as_string().unwrap_or_default();
            on_change((!data.is_empty()).then_some(data));
        });
        Some(TabSync { channel, _listener: listener })
    }

    /// Tells the other tabs the record now stored (`None`: the choice was forgotten).
    pub fn announce(&self, record: Option<&str>) {
        let _ = self.channel.post_message(&JsValue::from_str(record.unwrap_or("")));
    }
}

impl Drop for TabSync {
    fn drop(&mut self) {
        self.channel.close();
    }
}
