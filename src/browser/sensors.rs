//! Guards the device's location, camera and microphone for every script on the page:
//! `navigator.geolocation` (`getCurrentPosition`, `watchPosition`, `clearWatch`) and
//! `navigator.mediaDevices.getUserMedia`. The first use in a session waits for the child's
//! "OK" to the just-in-time notice; "Not now" gives the page the browser's own refusal
//! (`PERMISSION_DENIED`, `NotAllowedError`), so its code keeps working. Kite keeps count of
//! what is running, for the signs; which signs show is decided by the policy core.

use crate::policy::indicators::{media_notices, Sensors};
use js_sys::{Function, Object, Promise, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};

/// A `watchPosition` call: Kite's id (what the page holds), and once the child agreed, the
/// browser's id and the callback it calls.
struct Watch {
    id: f64,
    native: Option<(JsValue, Closure<dyn FnMut(JsValue)>)>,
}

#[derive(Default)]
struct State {
    /// The browser's own functions.
    get: Option<Function>,
    watch: Option<Function>,
    clear_watch: Option<Function>,
    media: Option<Function>,
    watches: Vec<Watch>,
    next: f64,
    last_position: Option<f64>,
    tracks: Vec<JsValue>,
    poll: Option<(i32, Closure<dyn FnMut()>)>,
    timer: Option<(i32, Closure<dyn FnMut()>)>,
    /// The notices on screen for a sensor, so a second request waits for the same answer.
    asking: Vec<(&'static str, Promise)>,
    /// The replacement functions, kept alive for the page's life.
    hooks: Vec<JsValue>,
    /// Switches everything off when the page goes.
    pagehide: Option<gloo_events::EventListener>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State { next: 1.0, ..State::default() });
}

fn with<R>(f: impl FnOnce(&mut State) -> R) -> R {
    STATE.with(|s| f(&mut s.borrow_mut()))
}

/// What is running now.
pub fn sensors() -> Sensors {
    with(|s| {
        let live = |kind: &str| s.tracks.iter().any(|t| prop(t, "kind") == kind && prop(t, "readyState") == "live");
        Sensors { watches: s.watches.iter().filter(|w| w.native.is_some()).count(), last_position: s.last_position, camera: live("video"), microphone: live("audio") }
    })
}

fn prop(value: &JsValue, key: &str) -> String {
    Reflect::get(value, &key.into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

fn changed() {
    if let Some(page) = super::page::current() {
        page.refresh_signs(None);
    }
}

/// Waits for the child's answer to notice `name` (at once when agreed this session). One
/// notice at a time: a request for the same sensor shares the answer on screen, another waits.
async fn agreed(name: &'static str) -> bool {
    loop {
        let waiting = with(|s| s.asking.first().map(|(n, p)| (*n, p.clone())));
        match waiting {
            Some((n, promise)) if n == name => return JsFuture::from(promise).await.ok().and_then(|v| v.as_string()).as_deref() == Some("ok"),
            Some((_, promise)) => {
                let _ = JsFuture::from(promise).await;
            }
            None => break,
        }
    }
    let Some(page) = super::page::current() else { return false };
    let promise = page.show_notice(name);
    with(|s| s.asking.push((name, promise.clone())));
    let answer = JsFuture::from(promise).await.ok().and_then(|v| v.as_string());
    with(|s| s.asking.retain(|(n, _)| *n != name));
    answer.as_deref() == Some("ok")
}

/// The browser's own method `name` of `object`, bound to it: read from its prototype, so
/// neither the stub's early wrappers nor another script's replace it.
fn native(object: &JsValue, name: &str) -> Option<Function> {
    let prototype = Object::get_prototype_of(object);
    let f: Function = Reflect::get(&prototype, &name.into()).ok()?.dyn_into().ok()?;
    Some(f.bind0(object))
}

fn replace(object: &JsValue, name: &str, with_fn: JsValue) {
    if Reflect::set(object, &name.into(), &with_fn).unwrap_or(false) {
        STATE.with(|s| s.borrow_mut().hooks.push(with_fn));
    }
}

/// Puts the guards in place (once, at start). `next_watch` is the first watch id Kite may
/// hand out (the stub handed out the ones before it).
pub fn guard(next_watch: f64) {
    let Some(window) = web_sys::window() else { return };
    let navigator: JsValue = window.navigator().into();
    with(|s| s.next = s.next.max(next_watch));
    if let Ok(geo) = Reflect::get(&navigator, &"geolocation".into()) {
        if geo.is_object() {
            guard_geolocation(&geo);
        }
    }
    if let Ok(media) = Reflect::get(&navigator, &"mediaDevices".into()) {
        if media.is_object() {
            guard_media(&media);
            // The old callback forms still in Chromium go the same way.
            for name in ["getUserMedia", "webkitGetUserMedia"] {
                if Reflect::get(&navigator, &name.into()).is_ok_and(|f| f.is_function()) {
                    let legacy = Closure::<dyn Fn(JsValue, JsValue, JsValue)>::new(|constraints: JsValue, success: JsValue, error: JsValue| {
                        super::call_method(&user_media(constraints).into(), "then", &[&success, &error]);
                    });
                    replace(&navigator, name, legacy.into_js_value());
                }
            }
        }
    }
    // Location and camera go back off when the page goes (the session's end for this page).
    let listener = gloo_events::EventListener::new(&window, "pagehide", |_| {
        stop_location(false);
        stop_media(false);
    });
    with(|s| s.pagehide = Some(listener));
}

/// The error the browser gives when the person says no to location.
fn denied() -> JsValue {
    let error = Object::new();
    for (key, value) in [("code", 1.0), ("PERMISSION_DENIED", 1.0), ("POSITION_UNAVAILABLE", 2.0), ("TIMEOUT", 3.0)] {
        let _ = Reflect::set(&error, &key.into(), &value.into());
    }
    let _ = Reflect::set(&error, &"message".into(), &"User denied Geolocation".into());
    error.into()
}

fn call(callback: &JsValue, value: &JsValue) {
    if let Some(f) = callback.dyn_ref::<Function>() {
        let _ = f.call1(&JsValue::UNDEFINED, value);
    }
}

/// A position is about to reach the page: the sign shows for a minute from now.
fn handed_out() {
    let now = js_sys::Date::now();
    let ends_in = with(|s| {
        s.last_position = Some(now);
        Sensors { last_position: Some(now), ..Sensors::default() }.location_sign_ends_in(now)
    });
    if let (Some(ms), Some(window)) = (ends_in, web_sys::window()) {
        let tick = Closure::<dyn FnMut()>::new(changed);
        if let Ok(id) = window.set_timeout_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), ms as i32 + 50) {
            if let Some((old, _)) = with(|s| s.timer.replace((id, tick))) {
                window.clear_timeout_with_handle(old);
            }
        }
    }
    changed();
}

/// `getCurrentPosition`: once the child agreed, one position, and the sign for a minute.
pub fn get_position(success: JsValue, error: JsValue, options: JsValue) {
    spawn_local(async move {
        if !agreed("location").await {
            return call(&error, &denied());
        }
        let Some(get) = with(|s| s.get.clone()) else { return };
        let deliver = Closure::once_into_js(move |position: JsValue| {
            handed_out();
            call(&success, &position);
        });
        let _ = get.call3(&JsValue::NULL, &deliver, &error, &options);
    });
}

/// `watchPosition` under the id `id` (Kite's, or one the stub handed out before Kite was ready).
pub fn watch_position(id: f64, success: JsValue, error: JsValue, options: JsValue) {
    with(|s| {
        s.watches.push(Watch { id, native: None });
        s.next = s.next.max(id + 1.0);
    });
    spawn_local(async move {
        let ok = agreed("location").await;
        if !with(|s| s.watches.iter().any(|w| w.id == id)) {
            return; // cleared while the notice was on screen
        }
        if !ok {
            with(|s| s.watches.retain(|w| w.id != id));
            return call(&error, &denied());
        }
        let Some(watch) = with(|s| s.watch.clone()) else { return };
        let deliver = Closure::<dyn FnMut(JsValue)>::new(move |position: JsValue| {
            handed_out();
            call(&success, &position);
        });
        if let Ok(native) = watch.call3(&JsValue::NULL, deliver.as_ref(), &error, &options) {
            with(|s| {
                if let Some(w) = s.watches.iter_mut().find(|w| w.id == id) {
                    w.native = Some((native, deliver));
                }
            });
            changed();
        }
    });
}

/// `getUserMedia`: once the child agreed to each notice the constraints need, the stream, and
/// the sign while any of its tracks is live. Refused: `NotAllowedError`, as from the browser.
pub fn user_media(constraints: JsValue) -> Promise {
    wasm_bindgen_futures::future_to_promise(async move {
        let wants = |kind: &str| Reflect::get(&constraints, &kind.into()).is_ok_and(|v| v.is_truthy());
        for name in media_notices(wants("video"), wants("audio")) {
            if !agreed(name).await {
                return Err(web_sys::DomException::new_with_message_and_name("Permission denied", "NotAllowedError").map_or(JsValue::NULL, Into::into));
            }
        }
        let Some(get_user_media) = with(|s| s.media.clone()) else { return Err(JsValue::NULL) };
        let stream = JsFuture::from(Promise::resolve(&get_user_media.call1(&JsValue::NULL, &constraints)?)).await?;
        track(&stream);
        Ok(stream)
    })
}

fn guard_geolocation(geo: &JsValue) {
    let (Some(get), Some(watch), Some(clear)) = (native(geo, "getCurrentPosition"), native(geo, "watchPosition"), native(geo, "clearWatch")) else { return };
    with(|s| {
        s.get = Some(get.clone());
        s.watch = Some(watch.clone());
        s.clear_watch = Some(clear);
    });
    let get_wrapper = Closure::<dyn Fn(JsValue, JsValue, JsValue) -> Result<(), JsValue>>::new(move |success: JsValue, error: JsValue, options: JsValue| {
        if !success.is_function() {
            // The browser's own TypeError, thrown as it would be.
            return get.call3(&JsValue::NULL, &success, &error, &options).map(|_| ());
        }
        get_position(success, error, options);
        Ok(())
    });
    let watch_wrapper = Closure::<dyn Fn(JsValue, JsValue, JsValue) -> Result<JsValue, JsValue>>::new(move |success: JsValue, error: JsValue, options: JsValue| {
        if !success.is_function() {
            return watch.call3(&JsValue::NULL, &success, &error, &options);
        }
        let id = with(|s| s.next);
        watch_position(id, success, error, options);
        Ok(id.into())
    });
    let clear_wrapper = Closure::<dyn Fn(JsValue)>::new(move |id: JsValue| {
        let Some(id) = id.as_f64() else { return };
        let gone = with(|s| {
            let at = s.watches.iter().position(|w| w.id == id)?;
            Some((s.watches.remove(at), s.clear_watch.clone()))
        });
        if let Some((Watch { native: Some((native, _)), .. }, Some(clear))) = gone {
            let _ = clear.call1(&JsValue::NULL, &native);
            changed();
        }
    });
    replace(geo, "getCurrentPosition", get_wrapper.into_js_value());
    replace(geo, "watchPosition", watch_wrapper.into_js_value());
    replace(geo, "clearWatch", clear_wrapper.into_js_value());
}

/// "Stop sharing" (or the page going): ends every watch and, when `forget`, the child's "OK",
/// so the next request asks again. The caller shows the signs again.
pub fn stop_location(forget: bool) {
    let (watches, clear) = with(|s| {
        s.last_position = None;
        (std::mem::take(&mut s.watches), s.clear_watch.clone())
    });
    if let Some(clear) = clear {
        for watch in watches {
            if let Some((native, _)) = watch.native {
                let _ = clear.call1(&JsValue::NULL, &native);
            }
        }
    }
    if forget {
        super::notices::forget("location");
    }
}

fn guard_media(media: &JsValue) {
    let Some(get_user_media) = native(media, "getUserMedia") else { return };
    with(|s| s.media = Some(get_user_media));
    replace(media, "getUserMedia", Closure::<dyn Fn(JsValue) -> Promise>::new(user_media).into_js_value());
}

/// Keeps the stream's tracks, and looks at them twice a second while any is live (a page
/// stopping a track fires no event).
fn track(stream: &JsValue) {
    let Some(tracks) = super::call_method(stream, "getTracks", &[]) else { return };
    with(|s| s.tracks.extend(js_sys::Array::from(&tracks).iter()));
    if with(|s| s.poll.is_none()) {
        let Some(window) = web_sys::window() else { return };
        let mut was = sensors();
        let tick = Closure::<dyn FnMut()>::new(move || {
            let now = sensors();
            if now != was {
                was = now;
                changed();
            }
            if !now.camera && !now.microphone {
                stop_polling();
            }
        });
        if let Ok(id) = window.set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), 500) {
            with(|s| s.poll = Some((id, tick)));
        }
    }
    changed();
}

fn stop_polling() {
    let poll = with(|s| {
        s.tracks.retain(|t| prop(t, "readyState") == "live");
        s.poll.take()
    });
    if let (Some((id, tick)), Some(window)) = (poll, web_sys::window()) {
        window.clear_interval_with_handle(id);
        // The interval's own callback may be what is running: drop it afterwards.
        spawn_local(async move { drop(tick) });
    }
}

/// "Turn off" (or the page going): stops every camera and microphone track and, when
/// `forget`, the child's "OK". The caller shows the signs again.
pub fn stop_media(forget: bool) {
    let tracks = with(|s| std::mem::take(&mut s.tracks));
    for track in tracks {
        super::call_method(&track, "stop", &[]);
    }
    stop_polling();
    if forget {
        super::notices::forget("camera");
        super::notices::forget("microphone");
    }
}
