//! The storage room: deletes a withdrawn service's IndexedDB databases and Cache Storage
//! caches, by the names and patterns the config declares. Only pages whose config names some
//! load it; `localStorage` and `sessionStorage` keys are deleted by the core, at once.

use super::rooms::{room, Port};
use crate::browser::call_method as call;
use crate::browser::storage::Left;
use js_sys::{Array, Promise, Reflect};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What the core asks of the storage room.
pub trait Storage: Port {
    /// Deletes these databases and caches, where they are there.
    fn delete(&self, left: Left);
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
    fn delete(&self, Left { databases, caches }: Left) {
        let Some(window) = web_sys::window() else { return };
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
