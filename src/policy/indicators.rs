//! Obvious signs (Children's Code standards 10, geolocation, and 11, parental controls): while
//! a parent, carer or teacher can see what a child does, while the child's location is being
//! shared, and while a camera or microphone is on. This module decides which signs show and
//! what they say; the browser only reports what is going on and draws them.
//!
//! Location is off by default. The child's "OK" to the location notice lasts for this browser
//! session only (`sessionStorage`), so a new session starts with location off again;
//! "Stop sharing" ends every watch and takes the "OK" back.

use super::config::LocalText;

/// Who can see a child's activity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Watcher {
    /// A parent or carer, through a parent account.
    Parent,
    /// A teacher.
    Teacher,
    /// The school's staff in general (safeguarding, IT).
    School,
}

impl Watcher {
    /// Every watcher, in the order the signs name them.
    pub const ALL: [Watcher; 3] = [Watcher::Parent, Watcher::Teacher, Watcher::School];

    /// `parent`, `teacher` or `school`: its name in the API, markup and locale keys.
    pub fn code(self) -> &'static str {
        match self {
            Watcher::Parent => "parent",
            Watcher::Teacher => "teacher",
            Watcher::School => "school",
        }
    }

    /// The watcher called `code`.
    pub fn from_code(code: &str) -> Option<Watcher> {
        Watcher::ALL.into_iter().find(|w| w.code() == code.trim())
    }
}

/// One declaration: who can see what ("teacher", "work and messages").
#[derive(Clone, Debug, PartialEq)]
pub struct Monitor {
    /// Who can see.
    pub by: Watcher,
    /// What they can see, in the child's words, following "your": "work", "progress".
    pub what: LocalText,
}

/// Reads `monitoring.set([...])`'s list (or a config's `monitoring`), with the config's checks.
pub use super::config::monitors;

/// How long the location sign stays after a position was handed to the page: one minute.
pub const LOCATION_SIGN_MS: f64 = 60_000.0;

/// What is going on with the device's location, camera and microphone.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Sensors {
    /// Location watches running (`watchPosition` calls the child agreed to, not cleared).
    pub watches: usize,
    /// When a position was last handed to the page (milliseconds since the epoch).
    pub last_position: Option<f64>,
    /// A camera track is live.
    pub camera: bool,
    /// A microphone track is live.
    pub microphone: bool,
}

impl Sensors {
    /// The location sign shows: a watch is running, or a position was handed out in the last
    /// minute.
    pub fn sharing_location(&self, now: f64) -> bool {
        self.watches > 0 || self.last_position.is_some_and(|t| now - t < LOCATION_SIGN_MS && now >= t)
    }

    /// When the location sign goes by itself (milliseconds from `now`), so the page can look
    /// again then; None while a watch keeps it on, or when it is off.
    pub fn location_sign_ends_in(&self, now: f64) -> Option<f64> {
        if self.watches > 0 || !self.sharing_location(now) {
            return None;
        }
        self.last_position.map(|t| (t + LOCATION_SIGN_MS - now).max(0.0))
    }
}

/// A sign Kite shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    /// Someone can see the child's activity.
    Monitoring,
    /// The child's location is being shared.
    Location,
    /// The camera, the microphone or both are on.
    Media {
        /// The camera is on.
        camera: bool,
        /// The microphone is on.
        microphone: bool,
    },
}

/// The signs to show, in the order they stack: what is switched on now first, then who can see.
pub fn signs(monitors: &[Monitor], sensors: &Sensors, now: f64) -> Vec<Sign> {
    let mut out = Vec::new();
    if sensors.camera || sensors.microphone {
        out.push(Sign::Media { camera: sensors.camera, microphone: sensors.microphone });
    }
    if sensors.sharing_location(now) {
        out.push(Sign::Location);
    }
    if !monitors.is_empty() {
        out.push(Sign::Monitoring);
    }
    out
}

/// The notices to agree to before `getUserMedia` may run: the camera's for video, the
/// microphone's for audio (both for both).
pub fn media_notices(video: bool, audio: bool) -> Vec<&'static str> {
    [(video, "camera"), (audio, "microphone")].into_iter().filter(|(wanted, _)| *wanted).map(|(_, n)| n).collect()
}
