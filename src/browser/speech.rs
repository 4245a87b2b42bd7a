//! "Read to me": speaks a panel's words with the browser's own speech synthesis, in the
//! page's language, and stops when the panel closes. Kite never sends the words anywhere;
//! the browser's voices are local or the browser's own service.

use super::call_method as call;
use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

fn synthesis() -> Option<JsValue> {
    let window = web_sys::window()?;
    Reflect::get(&window, &"speechSynthesis".into()).ok().filter(|s| s.is_object())
}

/// The browser's voice for `lang` (`en-GB` takes any English voice, British first; `cy`
/// takes only Welsh).
fn voice(lang: &str) -> Option<JsValue> {
    let voices = Array::from(&call(&synthesis()?, "getVoices", &[])?);
    let tag = |v: &JsValue| Reflect::get(v, &"lang".into()).ok().and_then(|l| l.as_string()).unwrap_or_default().to_ascii_lowercase().replace('_', "-");
    let lang = lang.to_ascii_lowercase();
    let primary = lang.split('-').next().unwrap_or_default().to_string();
    voices.iter().find(|v| tag(v) == lang).or_else(|| voices.iter().find(|v| tag(v).split('-').next() == Some(primary.as_str())))
}

thread_local! {
    static LOADED: std::cell::RefCell<Option<gloo_events::EventListener>> = const { std::cell::RefCell::new(None) };
}

/// Asks the browser for its voices early (Chromium loads them only when first asked, after
/// the banner may already be showing), and calls `ready` once there are any: a "Read to me"
/// button shows only when a voice for the language is there.
pub fn prepare(ready: impl Fn() + 'static) {
    let Some(s) = synthesis() else { return };
    if call(&s, "getVoices", &[]).is_some_and(|v| Array::from(&v).length() > 0) {
        return ready();
    }
    if let Some(target) = s.dyn_ref::<web_sys::EventTarget>() {
        let listener = gloo_events::EventListener::new(target, "voiceschanged", move |_| ready());
        LOADED.with(|l| *l.borrow_mut() = Some(listener));
    }
}

/// The browser can speak `lang`.
pub fn has_voice(lang: &str) -> bool {
    voice(lang).is_some()
}

/// Speaks `text` in `lang`, stopping anything already being read.
pub fn say(text: &str, lang: &str) {
    let (Some(s), Some(window)) = (synthesis(), web_sys::window()) else { return };
    call(&s, "cancel", &[]);
    let Ok(constructor) = Reflect::get(&window, &"SpeechSynthesisUtterance".into()) else { return };
    let Ok(utterance) = Reflect::construct(constructor.unchecked_ref::<Function>(), &Array::of1(&text.into())) else { return };
    let _ = Reflect::set(&utterance, &"lang".into(), &lang.into());
    if let Some(v) = voice(lang) {
        let _ = Reflect::set(&utterance, &"voice".into(), &v);
    }
    call(&s, "speak", &[&utterance]);
}

/// Stops reading (the panel closed).
pub fn stop() {
    if let Some(s) = synthesis() {
        call(&s, "cancel", &[]);
    }
}
