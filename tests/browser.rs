//! The browser glue in headless Chromium (wasm-bindgen-test): the cookie store, cookie
//! deletion, script and iframe activation, and reading a config from JavaScript.
#![cfg(target_arch = "wasm32")]

use kite::browser::config_source::to_json;
use kite::browser::cookie_store::{cookies, delete_matching, CookieStore};
use kite::browser::gate::{self, State};
use kite::policy::consent::RecordStore;
use kite::policy::cookies::CookiePattern;
use kite::policy::json::Json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn html_document() -> web_sys::HtmlDocument {
    document().dyn_into().unwrap()
}

fn has_cookie(name: &str) -> bool {
    cookies().iter().any(|(n, _)| n == name)
}

#[wasm_bindgen_test]
fn the_record_cookie_is_saved_read_and_cleared() {
    let store = CookieStore::new("kite_test_record", None);
    store.save("1~1~1790000000~v~analytics=1", Some(1));
    assert_eq!(store.load().as_deref(), Some("1~1~1790000000~v~analytics=1"));
    store.clear();
    assert_eq!(store.load(), None);
    // A shared device keeps the record for the browser session only: still readable now.
    store.save("1~1~1790000000~v~analytics=0", None);
    assert_eq!(store.load().as_deref(), Some("1~1~1790000000~v~analytics=0"));
    store.clear();
    assert_eq!(store.load(), None);
}

#[wasm_bindgen_test]
fn withdrawal_deletes_matching_cookies_and_keeps_the_rest() {
    let doc = html_document();
    for cookie in ["_ga=1; path=/", "_ga_ABC=2; path=/", "session=keep; path=/", "_gat=3; path=/"] {
        doc.set_cookie(cookie).unwrap();
    }
    let patterns = [CookiePattern::parse("_ga").unwrap(), CookiePattern::parse("_ga_*").unwrap()];
    let mut deleted = delete_matching(&patterns.iter().collect::<Vec<_>>());
    deleted.sort();
    assert_eq!(deleted, ["_ga", "_ga_ABC"]);
    assert!(!has_cookie("_ga") && !has_cookie("_ga_ABC"));
    assert!(has_cookie("session") && has_cookie("_gat"), "other cookies stay");
}

#[wasm_bindgen_test]
fn an_activated_script_keeps_its_attributes_and_the_nonce() {
    let placeholder = document().create_element("script").unwrap();
    for (name, value) in [("type", "text/plain"), ("data-kite", "analytics"), ("data-type", "module"), ("crossorigin", "anonymous"), ("id", "placeholder"), ("data-extra", "kept")] {
        placeholder.set_attribute(name, value).unwrap();
    }
    placeholder.unchecked_ref::<web_sys::HtmlElement>().set_nonce("abc123");
    placeholder.set_text_content(Some("window.kiteGlueTestRan = true;"));
    document().body().unwrap().append_child(&placeholder).unwrap();

    let (script, wait) = gate::activate_script(&placeholder).expect("activated");
    assert!(!wait, "an inline script has nothing to wait for");
    assert_eq!(script.type_(), "module");
    assert_eq!(script.get_attribute("crossorigin").as_deref(), Some("anonymous"));
    assert_eq!(script.get_attribute("data-extra").as_deref(), Some("kept"));
    assert_eq!(script.get_attribute("data-kite"), None, "the live copy is not gated again");
    assert_eq!(script.unchecked_ref::<web_sys::HtmlElement>().nonce(), "abc123");
    assert_eq!(gate::state(&placeholder), Some(State::Ran));
}

#[wasm_bindgen_test]
fn an_external_script_without_async_makes_the_next_one_wait() {
    let placeholder = document().create_element("script").unwrap();
    placeholder.set_attribute("type", "text/plain").unwrap();
    placeholder.set_attribute("data-kite", "analytics").unwrap();
    placeholder.set_attribute("src", "data:text/javascript,void 0").unwrap();
    document().body().unwrap().append_child(&placeholder).unwrap();
    let (script, wait) = gate::activate_script(&placeholder).unwrap();
    assert!(wait);
    assert!(!script.r#async(), "keeps document order");
}

#[wasm_bindgen_test]
fn an_iframe_loaded_before_kite_is_stopped_and_explained() {
    let frame = document().create_element("iframe").unwrap();
    frame.set_attribute("data-kite", "functional").unwrap();
    frame.set_attribute("src", "about:blank#video").unwrap();
    assert!(gate::check_markup(&frame));
    assert_eq!(frame.get_attribute("src").as_deref(), Some("about:blank"));
    assert_eq!(frame.get_attribute("data-src").as_deref(), Some("about:blank#video"));
    frame.set_attribute("srcdoc", "<p>placeholder</p>").unwrap();
    gate::activate_iframe(&frame, "about:blank#video", gate::State::Ran);
    assert_eq!(frame.get_attribute("src").as_deref(), Some("about:blank#video"));
    assert!(!frame.has_attribute("srcdoc"), "the placeholder document goes, or it would hide the embed");
    assert_eq!(gate::state(&frame), Some(gate::State::Ran));
    gate::deactivate_iframe(&frame);
    assert_eq!(frame.get_attribute("src").as_deref(), Some("about:blank"));
}

#[wasm_bindgen_test]
fn a_script_marked_without_text_plain_is_reported_not_trusted() {
    let script = document().create_element("script").unwrap();
    script.set_attribute("data-kite", "analytics").unwrap();
    assert!(!gate::check_markup(&script));
}

#[wasm_bindgen_test]
fn a_javascript_config_object_becomes_the_policy_cores_json() {
    let value = js_sys::JSON::parse(r#"{ "revision": 2, "purposes": [ { "name": "analytics", "sharing": false } ], "x": null }"#).unwrap();
    let expected = Json::Object(vec![
        ("revision".into(), Json::Number(2.0)),
        ("purposes".into(), Json::Array(vec![Json::Object(vec![("name".into(), Json::String("analytics".into())), ("sharing".into(), Json::Bool(false))])])),
        ("x".into(), Json::Null),
    ]);
    assert_eq!(to_json(&value), Ok(expected));
}

#[wasm_bindgen_test]
fn a_config_object_that_refers_to_itself_is_refused_not_followed() {
    let config = js_sys::Object::new();
    js_sys::Reflect::set(&config, &"self".into(), &config).unwrap();
    let error = to_json(&config).unwrap_err();
    assert!(error.contains("does it refer to itself?"), "{error}");
    let mut wide = wasm_bindgen::JsValue::from(js_sys::Object::new()); // 2^40 paths through 40 objects
    for _ in 0..40 {
        let next = js_sys::Object::new();
        js_sys::Reflect::set(&next, &"a".into(), &wide).unwrap();
        js_sys::Reflect::set(&next, &"b".into(), &wide).unwrap();
        wide = next.into();
    }
    assert!(to_json(&wide).is_err());
}
