//! Deletes what withdrawn services kept in the browser beyond cookies: `localStorage` and
//! `sessionStorage` keys here, at once; IndexedDB databases and Cache Storage caches (whose
//! browser APIs are asynchronous anyway) in a room of their own, loaded only on pages whose
//! config names some. The names and patterns come from the config; which services are
//! withdrawn is the policy core's decision.

use crate::policy::cookies::{CookiePattern, StorageKind};

/// The IndexedDB databases and caches to delete, left for the storage room.
#[derive(Default)]
pub struct Left {
    /// IndexedDB database names or patterns.
    pub databases: Vec<CookiePattern>,
    /// Cache Storage cache names or patterns.
    pub caches: Vec<CookiePattern>,
}

/// Deletes the `localStorage` and `sessionStorage` keys in `list` that are there, and returns
/// the databases and caches to delete. Storage the browser refuses (a sandboxed frame,
/// storage switched off) is skipped quietly.
pub fn delete_matching(list: &[(StorageKind, &CookiePattern)]) -> Left {
    let Some(window) = web_sys::window() else { return Left::default() };
    for (kind, store) in [(StorageKind::Local, window.local_storage()), (StorageKind::Session, window.session_storage())] {
        let (patterns, Ok(Some(store))) = (of(list, kind), store) else { continue };
        if patterns.is_empty() {
            continue;
        }
        let keys: Vec<String> = (0..store.length().unwrap_or(0)).filter_map(|i| store.key(i).ok().flatten()).collect();
        for key in keys.iter().filter(|k| patterns.iter().any(|p| p.matches(k))) {
            let _ = store.remove_item(key);
        }
    }
    left(list)
}

/// The databases and caches in `list`, for the storage room.
pub fn left(list: &[(StorageKind, &CookiePattern)]) -> Left {
    Left { databases: of(list, StorageKind::IndexedDb), caches: of(list, StorageKind::Cache) }
}

fn of(list: &[(StorageKind, &CookiePattern)], kind: StorageKind) -> Vec<CookiePattern> {
    list.iter().filter(|(k, _)| *k == kind).map(|(_, p)| (*p).clone()).collect()
}
