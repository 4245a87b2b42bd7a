//! The storage room: deletes what withdrawn services kept in the browser beyond cookies
//! (`localStorage` and `sessionStorage` keys, IndexedDB databases, Cache Storage caches), by
//! the names and patterns the config declares. Only pages whose config names some load it.
//! Which services are withdrawn is the policy core's decision, asked when the room runs: the
//! visitor may have allowed a service while the room loaded, and what it stores is theirs.

use super::rooms::{room, Port};
use crate::browser::call_method as call;
use crate::policy::cookies::{CookiePattern, StorageKind};
use js_sys::{Array, Promise, Reflect};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What the core asks of the storage room.
pub trait Storage: Port {
    /// Deletes the storage of every service not allowed now, where it is there.
    fn delete(&self);
}

room!(storage, "1c14a1ab4f7c9ae521951d54c2937d49", LOADER:
    /// Loads the storage room.
    pub(super) fn load() -> Rc<dyn Storage> {
        Rc::new(StorageRoom)
    }
);

struct StorageRoom;

impl Port for StorageRoom {}

async fn resolved(value: Option<JsValue>) -> Option<JsValue> {
    JsFuture::from(value?.dyn_into::<Promise>().ok()?).await.ok()
}

impl Storage for StorageRoom {
    fn delete(&self) {
        let Some(page) = super::current() else { return };
        let [local, session, databases, caches] = {
            let consent = page.consent.borrow();
            let list = consent.config().storage_of(&consent.not_allowed());
            [StorageKind::Local, StorageKind::Session, StorageKind::IndexedDb, StorageKind::Cache]
                .map(|kind| list.iter().filter(|(k, _)| *k == kind).map(|(_, p)| (*p).clone()).collect::<Vec<CookiePattern>>())
        };
        let Some(window) = web_sys::window() else { return };
        // Storage the browser refuses (a sandboxed frame, storage switched off) is skipped.
        for (patterns, store) in [(local, window.local_storage()), (session, window.session_storage())] {
            let Ok(Some(store)) = store else { continue };
            let keys: Vec<String> = (0..store.length().unwrap_or(0)).filter_map(|i| store.key(i).ok().flatten()).collect();
            for key in keys.iter().filter(|k| patterns.iter().any(|p| p.matches(k))) {
                let _ = store.remove_item(key);
            }
        }
        let window: JsValue = window.into();
        wasm_bindgen_futures::spawn_local(async move {
            if let (false, Ok(factory)) = (databases.is_empty(), Reflect::get(&window, &"indexedDB".into())) {
                if let Some(found) = resolved(call(&factory, "databases", &[])).await {
                    for db in Array::from(&found).iter() {
                        let name = Reflect::get(&db, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
                        if databases.iter().any(|p| p.matches(&name)) {
                            call(&factory, "deleteDatabase", &[&name.into()]);
                        }
                    }
                }
            }
            if let (false, Ok(storage)) = (caches.is_empty(), Reflect::get(&window, &"caches".into())) {
                if let Some(found) = resolved(call(&storage, "keys", &[])).await {
                    for name in Array::from(&found).iter().filter_map(|n| n.as_string()) {
                        if caches.iter().any(|p| p.matches(&name)) {
                            let _ = resolved(call(&storage, "delete", &[&name.into()])).await;
                        }
                    }
                }
            }
        });
    }
}
