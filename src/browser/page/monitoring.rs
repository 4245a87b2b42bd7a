//! The signs-and-sensors room: the obvious sign while a parent or teacher can see the child's
//! activity (from the config, `monitoring.set` or `<kite-monitoring>`) and while the location,
//! camera or microphone is in use, with "Stop sharing" and "Turn off"; and the location and
//! camera calls the core's wrappers ([`crate::browser::sensors`]) pass on. The first use in a
//! session waits for the child's "OK" to the notice; Kite keeps count of what is running, for
//! the signs. Which signs show is decided by the policy core.

use super::rooms::{self, room, Hooks, Port};
use super::{all, console_error, current, document, Page};
use crate::browser::sensors::{call, denied, devices, native, not_allowed};
use crate::policy::config::{ConfigError, LocalText};
use crate::policy::indicators::{self, media_notices, Monitor, Sensors, Watcher};
use crate::policy::json::Json;
use crate::policy::locale;
use crate::policy::view::{self, Action};
use crate::ui::{dialogs, Pressed};
use js_sys::{Function, Promise, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};

/// What the core asks of the signs-and-sensors room.
pub trait Monitoring: Port {
    /// `monitoring.set(list)`: who can see the child's activity; the mistakes.
    fn set(&self, list: &Json) -> Vec<ConfigError>;
    /// `monitoring.clear()`.
    fn clear(&self);
    /// `getCurrentPosition`, once the child agreed.
    fn get_position(&self, success: JsValue, error: JsValue, options: JsValue);
    /// `watchPosition` under the id the page holds.
    fn watch_position(&self, id: f64, success: JsValue, error: JsValue, options: JsValue);
    /// `clearWatch`.
    fn clear_watch(&self, id: f64);
    /// `getUserMedia`, once the child agreed to each notice it needs.
    fn user_media(&self, constraints: JsValue) -> Promise;
}

room!(monitoring, "9176eec816a39669282e4257e6ac5a0c", LOADER:
    /// Loads the signs-and-sensors room.
    pub(super) fn load() -> Rc<dyn Monitoring> {
        locale::add(&locale::MONITORING);
        Rc::new(MonitoringRoom)
    }
);

/// The callback a native watch calls with each position.
type PositionCallback = Closure<dyn FnMut(JsValue)>;

/// A `watchPosition` call: the page's id, and once the child agreed, the browser's id and the
/// callback it calls.
struct Watch {
    id: f64,
    native: Option<(JsValue, PositionCallback)>,
}

#[derive(Default)]
struct State {
    /// The browser's own functions.
    get: Option<Function>,
    watch: Option<Function>,
    clear_watch: Option<Function>,
    media: Option<Function>,
    watches: Vec<Watch>,
    last_position: Option<f64>,
    tracks: Vec<JsValue>,
    poll: Option<(i32, Closure<dyn FnMut()>)>,
    timer: Option<(i32, Closure<dyn FnMut()>)>,
    /// The notices on screen for a sensor, so a second request waits for the same answer.
    asking: Vec<(&'static str, Promise)>,
    /// Switches everything off when the page goes.
    pagehide: Option<gloo_events::EventListener>,
    /// Who can see the child's activity, as the page declared with `monitoring.set`.
    monitors: Vec<Monitor>,
    /// The signs on screen, so an unchanged set is left alone.
    signs: Vec<view::SignView>,
}

struct MonitoringRoom;

thread_local! {
    /// The room's state: the browser's callbacks (timers, positions, tracks) reach it here.
    static STATE: RefCell<State> = RefCell::default();
}

/// Runs `f` with the room's state.
fn with<R>(f: impl FnOnce(&mut State) -> R) -> R {
    STATE.with(|s| f(&mut s.borrow_mut()))
}

fn prop(value: &JsValue, key: &str) -> String {
    Reflect::get(value, &key.into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

/// What is running now.
fn sensors() -> Sensors {
    with(|s| {
        let live = |kind: &str| s.tracks.iter().any(|t| prop(t, "kind") == kind && prop(t, "readyState") == "live");
        Sensors { watches: s.watches.iter().filter(|w| w.native.is_some()).count(), last_position: s.last_position, camera: live("video"), microphone: live("audio") }
    })
}

/// Something the signs show changed.
fn changed() {
    refresh(None);
}

/// Who can see the child's activity: the config's, the page's `monitoring.set`, and each
/// `<kite-monitoring by="…" what="…">` element's.
fn all_monitors(page: &Page) -> Vec<Monitor> {
    let mut list = page.config().monitoring.clone();
    list.extend(with(|s| s.monitors.clone()));
    for element in all(crate::ui::MONITORING_TAG) {
        let (by, what) = (element.get_attribute("by").unwrap_or_default(), element.get_attribute("what").unwrap_or_default());
        match Watcher::from_code(&by) {
            Some(by) if !what.trim().is_empty() => list.push(Monitor { by, what: LocalText { en: what.trim().to_string(), cy: element.get_attribute("what-cy").filter(|t| !t.trim().is_empty()) } }),
            None if by.is_empty() && what.is_empty() => {}
            _ => console_error(&format!("<kite-monitoring by=\"{by}\" what=\"{what}\">: \"by\" must be \"parent\", \"teacher\" or \"school\", and \"what\" says what they can see (\"work\"). Kite shows no sign for it.")),
        }
    }
    let mut unique: Vec<Monitor> = Vec::new();
    for m in list {
        if !unique.contains(&m) {
            unique.push(m);
        }
    }
    unique
}

/// Shows the signs for what is going on now; a screen reader hears what changed (or the
/// message `announce` names).
fn refresh(announce: Option<&str>) {
    let Some(page) = current() else { return };
    let Some(shell) = page.shell() else { return };
    let monitors = all_monitors(&page);
    let signs = indicators::signs(&monitors, &sensors(), js_sys::Date::now());
    let words = page.reading_words();
    let views = view::signs(&words, &monitors, &signs);
    let before = with(|s| std::mem::replace(&mut s.signs, views.clone()));
    if before == views {
        return;
    }
    let said = match announce {
        Some(key) => Some(words.get(key)),
        None => {
            let new: Vec<String> = views.iter().filter(|v| !before.iter().any(|b| b.label == v.label)).map(|v| v.label.clone()).collect();
            match (new.is_empty(), before.iter().any(|b| b.kind == "monitoring") && !views.iter().any(|v| v.kind == "monitoring")) {
                (false, _) => Some(new.join(". ")),
                (true, true) => Some(words.get("monitor.cleared")),
                _ => None,
            }
        }
    };
    let placed = document().query_selector(crate::ui::MONITORING_TAG).ok().flatten();
    dialogs::show_signs(&shell.layer(), views, placed, words.get("sign.region"), Rc::new(|pressed: Pressed| sign_pressed(pressed.action)));
    if let Some(text) = said {
        page.announce(&text);
    }
}

/// A sign's button: the monitoring sign opens its explanation; "Stop sharing", "Turn off".
fn sign_pressed(action: Action) {
    match action {
        Action::Monitoring => {
            let Some(page) = current() else { return };
            rooms::show(&page, Rc::new(|page, words| Some(view::monitoring(words, &page.config(), &all_monitors(page)))), Rc::new(|_, _| {}));
        }
        Action::StopLocation => {
            stop_location(true);
            refresh(Some("sign.location_off"));
        }
        Action::StopMedia => {
            stop_media(true);
            refresh(Some("sign.media_off"));
        }
        _ => {}
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
    let Some(page) = current() else { return false };
    let promise = page.show_notice(name);
    with(|s| s.asking.push((name, promise.clone())));
    let answer = JsFuture::from(promise).await.ok().and_then(|v| v.as_string());
    with(|s| s.asking.retain(|(n, _)| *n != name));
    answer.as_deref() == Some("ok")
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

/// "Stop sharing" (or the page going): ends every watch and, when `forget`, the child's "OK",
/// so the next request asks again.
fn stop_location(forget: bool) {
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
        crate::browser::notices::forget("location");
    }
}

/// Keeps the stream's tracks, and looks at them twice a second while any is live (a page
/// stopping a track fires no event).
fn track(stream: &JsValue) {
    let Some(tracks) = crate::browser::call_method(stream, "getTracks", &[]) else { return };
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
/// `forget`, the child's "OK".
fn stop_media(forget: bool) {
    let tracks = with(|s| std::mem::take(&mut s.tracks));
    for track in tracks {
        crate::browser::call_method(&track, "stop", &[]);
    }
    stop_polling();
    if forget {
        crate::browser::notices::forget("camera");
        crate::browser::notices::forget("microphone");
    }
}

impl Hooks for MonitoringRoom {
    fn band_changed(&self) {
        refresh(None); // the signs' words follow the band
    }

    fn page_changed(&self) {
        refresh(None);
    }

    fn logout(&self) {
        stop_location(true);
        stop_media(true);
        with(|s| s.monitors.clear());
        rooms::ClosesOnLogout.logout();
        refresh(None);
    }
}

impl Port for MonitoringRoom {
    /// Takes the browser's own functions, and switches everything off when the page goes.
    fn start(self: Rc<Self>, page: &Page) {
        page.add_hooks(self);
        let (geo, media) = devices();
        with(|s| {
            if let Some(geo) = &geo {
                s.get = native(geo, "getCurrentPosition");
                s.watch = native(geo, "watchPosition");
                s.clear_watch = native(geo, "clearWatch");
            }
            s.media = media.as_ref().and_then(|m| native(m, "getUserMedia"));
            // Location and camera go back off when the page goes (the session's end for this page).
            s.pagehide = web_sys::window().map(|window| {
                gloo_events::EventListener::new(&window, "pagehide", |_| {
                    stop_location(false);
                    stop_media(false);
                })
            });
        });
        // After the room is in place, so the signs find it.
        spawn_local(async { refresh(None) });
    }
}

impl Monitoring for MonitoringRoom {
    fn set(&self, list: &Json) -> Vec<ConfigError> {
        let (list, errors) = indicators::monitors(list, "monitoring.set");
        for error in &errors {
            console_error(&error.to_string());
        }
        with(|s| s.monitors = list);
        refresh(None);
        errors
    }

    fn clear(&self) {
        with(|s| s.monitors.clear());
        refresh(None);
    }

    fn get_position(&self, success: JsValue, error: JsValue, options: JsValue) {
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

    fn watch_position(&self, id: f64, success: JsValue, error: JsValue, options: JsValue) {
        with(|s| s.watches.push(Watch { id, native: None }));
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

    fn clear_watch(&self, id: f64) {
        let gone = with(|s| s.watches.iter().position(|w| w.id == id).map(|at| (s.watches.remove(at), s.clear_watch.clone())));
        if let Some((Watch { native: Some((native, _)), .. }, Some(clear))) = gone {
            let _ = clear.call1(&JsValue::NULL, &native);
            changed();
        }
    }

    fn user_media(&self, constraints: JsValue) -> Promise {
        wasm_bindgen_futures::future_to_promise(async move {
            let wants = |kind: &str| Reflect::get(&constraints, &kind.into()).is_ok_and(|v| v.is_truthy());
            for name in media_notices(wants("video"), wants("audio")) {
                if !agreed(name).await {
                    return Err(not_allowed());
                }
            }
            let Some(get_user_media) = with(|s| s.media.clone()) else { return Err(not_allowed()) };
            let stream = JsFuture::from(Promise::resolve(&get_user_media.call1(&JsValue::NULL, &constraints)?)).await?;
            track(&stream);
            Ok(stream)
        })
    }
}
