//! A Leptos homework page on Kite, from the `kite-privacy` crate:
//! - `kite::api::start` runs Kite on the page (its consent banner, notices, signs and panels
//!   are Kite's own Leptos components, mounted in their own shadow root);
//! - the app places Kite's elements (`<kite-monitoring>`, `<kite-consent>`, `<kite-rights>`)
//!   in its own `view!`, where Kite fills them in;
//! - it asks for the camera notice from Rust before using the camera;
//! - and it uses the policy core directly: `kite::policy::contact::find` gives a live hint as
//!   the pupil types, with the same detector Kite's message guard uses.

use kite::policy::contact::{find, Kind};
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

const CONFIG: &str = r#"{
  "revision": 1,
  "audience": { "minAge": 11, "maxAge": 16 },
  "purposes": [ { "name": "functional" } ],
  "rights": { "email": "dpo@oakfield.example" }
}"#;

fn main() {
    console_error();
    let ready = RwSignal::new(None::<kite::api::Kite>);
    wasm_bindgen_futures::spawn_local(async move {
        let config = js_sys::JSON::parse(CONFIG).unwrap_or(JsValue::NULL);
        let kite = kite::api::start(config).await;
        kite.set_age(JsValue::from_f64(12.0)); // from the school's records: wording for 10–12
        ready.set(Some(kite));
    });
    mount_to_body(move || view! { <Homework ready/> });
}

#[component]
fn Homework(ready: RwSignal<Option<kite::api::Kite>>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let camera = RwSignal::new("Camera off".to_string());
    let hint = move || {
        let kinds = text.with(|t| find(t));
        (!kinds.is_empty()).then(|| {
            let what: Vec<&str> = kinds.iter().map(|k| match k {
                Kind::Phone => "a phone number",
                Kind::Email => "an email address",
                Kind::Address => "where someone lives",
                Kind::Handle => "an account name",
            }).collect();
            format!("This looks like {}. Keep it private.", what.join(" and "))
        })
    };
    let ask_camera = move |_| {
        let Some(notice) = ready.with_untracked(|k| k.as_ref().map(|k| k.notice())) else { return };
        wasm_bindgen_futures::spawn_local(async move {
            let answer = JsFuture::from(notice.show("camera")).await.ok().and_then(|a| a.as_string());
            camera.set(match answer.as_deref() {
                Some("ok") => "You said OK: the camera can start".to_string(),
                _ => "Not now: the camera stays off".to_string(),
            });
        });
    };
    view! {
        <header>
            <h1>"Homework"</h1>
            <kite-monitoring by="teacher" what="homework"></kite-monitoring>
        </header>
        <main>
            <label for="answer">"Your answer"</label>
            <textarea id="answer" rows="4" on:input=move |e| text.set(event_target_value(&e))></textarea>
            <p id="hint" role="status">{hint}</p>
            <button type="button" id="film" on:click=ask_camera>"Film my experiment"</button>
            <p id="camera">{camera}</p>
        </main>
        <footer>
            <kite-consent></kite-consent>
            <kite-rights></kite-rights>
        </footer>
    }
}

fn console_error() {
    std::panic::set_hook(Box::new(|info| web_sys_log(&info.to_string())));
}

fn web_sys_log(message: &str) {
    let _ = js_sys::Reflect::get(&js_sys::global(), &"console".into())
        .and_then(|c| js_sys::Reflect::get(&c, &"error".into()))
        .map(|f| js_sys::Function::from(f).call1(&JsValue::NULL, &message.into()));
}
