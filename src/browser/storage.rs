//! Deletes what withdrawn services kept in the browser beyond cookies: `localStorage` and
//! `sessionStorage` keys, IndexedDB databases and Cache Storage caches, by the names and
//! patterns the config declares. Which services are withdrawn is the policy core's decision.

use crate::policy::cookies::{CookiePattern, StorageKind};
use super::call_method as call;
use js_sys::{Array, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

async fn resolved(value: Option<JsValue>) -> Option<JsValue> {
    JsFuture::from(value?.dyn_into::<Promise>().ok()?).await.ok()
}

/// Deletes everything in `list` that is there. Storage the browser refuses (a sandboxed
/// frame, storage switched off) is skipped quietly.
pub fn delete_matching(list: &[(StorageKind, &CookiePattern)]) {
    let Some(window) = web_sys::window() else { return };
    let of = |kind: StorageKind| list.iter().filter(move |(k, _)| *k == kind).map(|(_, p)| (*p).clone()).collect::<Vec<CookiePattern>>();
    for (kind, store) in [(StorageKind::Local, window.local_storage()), (StorageKind::Session, window.session_storage())] {
        let (patterns, Ok(Some(store))) = (of(kind), store) else { continue };
        if patterns.is_empty() {
            continue;
        }
        let keys: Vec<String> = (0..store.length().unwrap_or(0)).filter_map(|i| store.key(i).ok().flatten()).collect();
        for key in keys.iter().filter(|k| patterns.iter().any(|p| p.matches(k))) {
            let _ = store.remove_item(key);
        }
    }
    let databases = of(StorageKind::IndexedDb);
    let caches = of(StorageKind::Cache);
    if databases.is_empty() && caches.is_empty() {
        return;
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
