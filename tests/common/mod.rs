//! Doubles shared by the native tests: a record store that keeps nothing, and a fixed clock.

use kite::policy::consent::{Clock, RecordStore};

/// Keeps no record: every page opens with no choice.
pub struct NoRecord;

impl RecordStore for NoRecord {
    fn load(&self) -> Option<String> {
        None
    }
    fn save(&self, _: &str, _: Option<u32>) {}
    fn clear(&self) {}
}

/// Always 1,790,000,000 seconds since 1970 (September 2026).
pub struct Now;

impl Clock for Now {
    fn now(&self) -> u64 {
        1_790_000_000
    }
}
