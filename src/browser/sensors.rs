//! Puts Kite between every script on the page and the device's location, camera and
//! microphone: `navigator.geolocation` (`getCurrentPosition`, `watchPosition`, `clearWatch`)
//! and `navigator.mediaDevices.getUserMedia` (and the old callback forms). The wrappers are
//! installed at start and hand each call to the page, which passes it to the signs-and-sensors
//! room once it has loaded: the first use in a session waits for the child's "OK" to the
//! just-in-time notice, and "Not now" (or a room that cannot load) gives the page the
//! browser's own refusal (`PERMISSION_DENIED`, `NotAllowedError`), so its code keeps working.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;

/// Where each guarded call goes.
#[derive(Clone, Copy)]
pub struct Calls {
    /// `getCurrentPosition(success, error, options)`.
    pub get: fn(JsValue, JsValue, JsValue),
    /// `watchPosition(success, error, options)`: returns the watch's id.
    pub watch: fn(JsValue, JsValue, JsValue) -> f64,
    /// `clearWatch(id)`.
    pub clear: fn(f64),
    /// `getUserMedia(constraints)`.
    pub media: fn(JsValue) -> Promise,
}

/// The error the browser gives when the person says no to location.
pub fn denied() -> JsValue {
    let error = Object::new();
    for (key, value) in [("code", 1.0), ("PERMISSION_DENIED", 1.0), ("POSITION_UNAVAILABLE", 2.0), ("TIMEOUT", 3.0)] {
        let _ = Reflect::set(&error, &key.into(), &value.into());
    }
    let _ = Reflect::set(&error, &"message".into(), &"User denied Geolocation".into());
    error.into()
}

/// The error the browser gives when the person says no to the camera or microphone.
pub fn not_allowed() -> JsValue {
    web_sys::DomException::new_with_message_and_name("Permission denied", "NotAllowedError").map_or(JsValue::NULL, Into::into)
}

/// Calls the page's callback, if it gave one.
pub fn call(callback: &JsValue, value: &JsValue) {
    if let Some(f) = callback.dyn_ref::<Function>() {
        let _ = f.call1(&JsValue::UNDEFINED, value);
    }
}

/// The browser's own method `name` of `object`, bound to it: read from its prototype, so
/// neither the stub's early wrappers nor another script's replace it.
pub fn native(object: &JsValue, name: &str) -> Option<Function> {
    let prototype = Object::get_prototype_of(object);
    let f: Function = Reflect::get(&prototype, &name.into()).ok()?.dyn_into().ok()?;
    Some(f.bind0(object))
}

/// `navigator.geolocation` and `navigator.mediaDevices`, where the browser has them.
pub fn devices() -> (Option<JsValue>, Option<JsValue>) {
    let Some(window) = web_sys::window() else { return (None, None) };
    let navigator: JsValue = window.navigator().into();
    let get = |name: &str| Reflect::get(&navigator, &name.into()).ok().filter(|v| v.is_object());
    (get("geolocation"), get("mediaDevices"))
}

fn replace(object: &JsValue, name: &str, with_fn: JsValue) {
    let _ = Reflect::set(object, &name.into(), &with_fn);
}

/// Puts the wrappers in place (once, at start); they live as long as the page.
pub fn guard(calls: Calls) {
    let Some(window) = web_sys::window() else { return };
    let navigator: JsValue = window.navigator().into();
    let (geo, media) = devices();
    if let Some(geo) = geo {
        let own = geo.clone();
        let get = Closure::<dyn Fn(JsValue, JsValue, JsValue) -> Result<(), JsValue>>::new(move |success: JsValue, error: JsValue, options: JsValue| {
            if !success.is_function() {
                // The browser's own TypeError, thrown as it would be.
                return native(&own, "getCurrentPosition").map_or(Ok(()), |f| f.call3(&JsValue::NULL, &success, &error, &options).map(|_| ()));
            }
            (calls.get)(success, error, options);
            Ok(())
        });
        let own = geo.clone();
        let watch = Closure::<dyn Fn(JsValue, JsValue, JsValue) -> Result<JsValue, JsValue>>::new(move |success: JsValue, error: JsValue, options: JsValue| {
            if !success.is_function() {
                return native(&own, "watchPosition").map_or(Ok(JsValue::NULL), |f| f.call3(&JsValue::NULL, &success, &error, &options));
            }
            Ok((calls.watch)(success, error, options).into())
        });
        let clear = Closure::<dyn Fn(JsValue)>::new(move |id: JsValue| {
            if let Some(id) = id.as_f64() {
                (calls.clear)(id);
            }
        });
        replace(&geo, "getCurrentPosition", get.into_js_value());
        replace(&geo, "watchPosition", watch.into_js_value());
        replace(&geo, "clearWatch", clear.into_js_value());
    }
    if let Some(media) = media {
        replace(&media, "getUserMedia", Closure::<dyn Fn(JsValue) -> Promise>::new(calls.media).into_js_value());
        // The old callback forms still in Chromium go the same way.
        for name in ["getUserMedia", "webkitGetUserMedia"] {
            if Reflect::get(&navigator, &name.into()).is_ok_and(|f| f.is_function()) {
                let legacy = Closure::<dyn Fn(JsValue, JsValue, JsValue)>::new(move |constraints: JsValue, success: JsValue, error: JsValue| {
                    super::call_method(&(calls.media)(constraints).into(), "then", &[&success, &error]);
                });
                replace(&navigator, name, legacy.into_js_value());
            }
        }
    }
}
