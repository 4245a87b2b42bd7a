//! The consent state machine: what the visitor (or their parent) chose, whether to ask, and
//! what may run. It reads and writes the record through the [`RecordStore`] port and tells the
//! time through the [`Clock`] port, so it is tested natively with in-memory doubles and runs
//! in the browser over a cookie.
//!
//! Children's Code standards 7 (default settings), 8 (data minimisation) and 13 (nudge
//! techniques): nothing but "necessary" is allowed before a choice; no choice means no.

use super::age::AgeBand;
use super::config::{Config, PurposeKind};
use super::record::{ConsentRecord, DecidedBy};

/// Where the consent record is kept (a first-party cookie in the browser).
pub trait RecordStore {
    /// The stored text, if any.
    fn load(&self) -> Option<String>;
    /// Stores `record` for `max_age_days`, or for this browser session only (`None`).
    fn save(&self, record: &str, max_age_days: Option<u32>);
    /// Removes the record.
    fn clear(&self);
}

/// The time, in seconds since 1970.
pub trait Clock {
    /// Now.
    fn now(&self) -> u64;
}

/// What Kite should ask on this page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prompt {
    /// Nothing: a valid choice is in force.
    Nothing,
    /// The first layer: accept all, reject all, choose.
    Banner,
    /// For under-13s: a notice that only what is needed is used, with "OK". The child is
    /// not asked to consent.
    ChildNotice,
}

/// A change of choices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Every optional purpose and service on (Global Privacy Control still applies).
    AcceptAll,
    /// Every optional purpose and service off. Closing the banner means this.
    RejectAll,
    /// Set these on or off, keeping the rest: `(purpose, Some(service))` for one service.
    Set(Vec<(String, Option<String>, bool)>),
}

/// Why a change was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConsentError {
    /// The change names a purpose or service the config lacks.
    Unknown {
        /// What it named, as `purpose` or `purpose/service`.
        name: String,
        /// The purposes the config has.
        known: Vec<String>,
    },
    /// The audience includes under-13s and only a parent or carer may switch things on.
    GuardianRequired,
}

impl std::fmt::Display for ConsentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConsentError::Unknown { name, known } => {
                write!(f, "the config has no purpose or service \"{name}\"; it has {}", known.join(", "))
            }
            ConsentError::GuardianRequired => f.write_str(
                "this site is for children under 13, so only a parent or carer can switch optional purposes on: call consent.set(choices, { by: 'guardian' }) from a parent's account",
            ),
        }
    }
}

/// Every optional purpose and service, and whether it is on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChoiceTable {
    /// `(purpose, on)` for each optional purpose, in config order.
    pub purposes: Vec<(String, bool)>,
    /// `(purpose, service, on)` for each service of an optional purpose.
    pub services: Vec<(String, String, bool)>,
}

impl ChoiceTable {
    /// Everything off: the state before any choice.
    pub fn all_off(config: &Config) -> ChoiceTable {
        ChoiceTable {
            purposes: config.optional_purposes().map(|p| (p.name.clone(), false)).collect(),
            services: config
                .optional_purposes()
                .flat_map(|p| p.services.iter().map(move |s| (p.name.clone(), s.name.clone(), false)))
                .collect(),
        }
    }

    /// True when the purpose (or one of its services) is on. "necessary" is always on.
    pub fn is_on(&self, purpose: &str, service: Option<&str>) -> bool {
        let Some((_, purpose_on)) = self.purposes.iter().find(|(p, _)| p == purpose) else {
            return false;
        };
        match service {
            None => *purpose_on,
            Some(name) => *purpose_on && self.services.iter().any(|(p, s, on)| p == purpose && s == name && *on),
        }
    }

    /// Switches a purpose and all its services.
    pub fn set_purpose(&mut self, purpose: &str, on: bool) {
        for (p, value) in &mut self.purposes {
            if p == purpose {
                *value = on;
            }
        }
        for (p, _, value) in &mut self.services {
            if p == purpose {
                *value = on;
            }
        }
    }

    /// Switches one service; its purpose is on while any of its services is.
    pub fn set_service(&mut self, purpose: &str, service: &str, on: bool) {
        for (p, s, value) in &mut self.services {
            if p == purpose && s == service {
                *value = on;
            }
        }
        let any = self.services.iter().any(|(p, _, v)| p == purpose && *v);
        for (p, value) in &mut self.purposes {
            if p == purpose {
                *value = any;
            }
        }
    }

    fn from_record(config: &Config, record: &ConsentRecord) -> ChoiceTable {
        let mut table = ChoiceTable::all_off(config);
        let stored = |purpose: &str, service: Option<&str>| {
            record.choices.iter().any(|(p, s, on)| p == purpose && s.as_deref() == service && *on)
        };
        for (p, on) in &mut table.purposes {
            *on = stored(p, None);
        }
        // A service the record does not mention was added after the choice: it stays off.
        for (p, s, on) in &mut table.services {
            *on = stored(p, Some(s));
        }
        table
    }

    /// True when anything optional is switched on (the choice is an acceptance, in part).
    pub fn allows_anything(&self) -> bool {
        self.purposes.iter().any(|(_, on)| *on)
    }

    /// Every purpose and service as a [`Change::Set`] entry: what "Save my choices" sends.
    pub fn entries(&self) -> Vec<(String, Option<String>, bool)> {
        let purposes = self.purposes.iter().map(|(p, on)| (p.clone(), None, *on));
        let services = self.services.iter().map(|(p, s, on)| (p.clone(), Some(s.clone()), *on));
        purposes.chain(services).collect()
    }

    /// Each purpose or service that is on in `self` but not in `after`.
    fn switched_off_in(&self, after: &ChoiceTable) -> Vec<(String, Option<String>)> {
        let purposes = self.purposes.iter().filter(|(p, on)| *on && !after.is_on(p, None)).map(|(p, _)| (p.clone(), None));
        let services = self
            .services
            .iter()
            .filter(|(p, s, on)| *on && self.is_on(p, None) && !after.is_on(p, Some(s)))
            .map(|(p, s, _)| (p.clone(), Some(s.clone())));
        purposes.chain(services).collect()
    }
}

/// What a change did, for the browser to carry out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Purposes and services now allowed that were not before.
    pub granted: Vec<(String, Option<String>)>,
    /// Purposes and services no longer allowed: their cookies must go.
    pub withdrawn: Vec<(String, Option<String>)>,
}

/// Signals from the browser that limit what may be allowed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Environment {
    /// The browser sends Global Privacy Control (`navigator.globalPrivacyControl`).
    pub global_privacy_control: bool,
    /// The browser sends Do Not Track (`navigator.doNotTrack` is `"1"`).
    pub do_not_track: bool,
    /// The device is shared (the config says so, or the dashboard did at log-in): choices
    /// last for the browser session only.
    pub shared_device: bool,
}

impl Environment {
    /// The browser asked sites not to track or share: Global Privacy Control or Do Not Track.
    pub fn signal(&self) -> bool {
        self.global_privacy_control || self.do_not_track
    }
}

/// The consent state of one page.
pub struct Consent<S: RecordStore, C: Clock> {
    config: Config,
    store: S,
    clock: C,
    environment: Environment,
    band: AgeBand,
    table: ChoiceTable,
    record: Option<ConsentRecord>,
    chosen_under: Option<u32>,
}

impl<S: RecordStore, C: Clock> Consent<S, C> {
    /// Opens the consent state: reads the stored record and keeps it only if it is valid,
    /// for this revision, unexpired and made by someone allowed to make it.
    pub fn open(config: Config, store: S, clock: C, environment: Environment) -> Self {
        let band = config.audience.youngest_band();
        let environment = Environment { shared_device: environment.shared_device || config.shared_device, ..environment };
        let mut consent = Consent { table: ChoiceTable::all_off(&config), config, store, clock, environment, band, record: None, chosen_under: None };
        let text = consent.store.load();
        consent.read(text);
        consent
    }

    /// Sets the visitor's age band (a dashboard knows the pupil's age). Wording follows it,
    /// and so does who may consent: a stored choice a child under 13 made alone stops counting.
    pub fn set_band(&mut self, band: AgeBand) {
        self.band = band;
        let text = self.store.load();
        self.read(text);
    }

    /// The privacy revision of the last stored choice, even one too old to count: it says the
    /// visitor has seen that revision.
    pub fn chosen_under(&self) -> Option<u32> {
        self.chosen_under
    }

    /// The config in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The age band wording and rules are chosen for.
    pub fn band(&self) -> AgeBand {
        self.band
    }

    /// The environment signals in force.
    pub fn environment(&self) -> Environment {
        self.environment
    }

    /// True when a parent or carer must give consent (the visitor may be under 13).
    pub fn guardian_required(&self) -> bool {
        self.band.needs_guardian_consent()
    }

    /// The current choices (all off before a valid choice).
    pub fn table(&self) -> &ChoiceTable {
        &self.table
    }

    /// The valid record in force, if any.
    pub fn record(&self) -> Option<&ConsentRecord> {
        self.record.as_ref()
    }

    /// What to ask on this page.
    pub fn prompt(&self) -> Prompt {
        match (&self.record, self.guardian_required()) {
            (Some(_), _) => Prompt::Nothing,
            (None, true) => Prompt::ChildNotice,
            (None, false) => Prompt::Banner,
        }
    }

    /// May something marked with this purpose (and service) run? "necessary" always may.
    pub fn allows(&self, purpose: &str, service: Option<&str>) -> bool {
        match self.config.purpose(purpose) {
            Some(p) if p.kind == PurposeKind::Necessary => service.is_none_or(|s| p.service(s).is_some()),
            Some(_) => self.table.is_on(purpose, service),
            None => false,
        }
    }

    /// Applies a change made by `by`, stores it and says what changed.
    pub fn apply(&mut self, change: Change, by: DecidedBy) -> Result<Outcome, ConsentError> {
        let mut table = self.table.clone();
        match &change {
            Change::AcceptAll => {
                table.purposes.iter_mut().for_each(|(_, on)| *on = true);
                table.services.iter_mut().for_each(|(_, _, on)| *on = true);
            }
            Change::RejectAll => table = ChoiceTable::all_off(&self.config),
            Change::Set(entries) => {
                for (purpose, service, on) in entries {
                    if self.config.purpose(purpose).is_some_and(|p| p.kind == PurposeKind::Necessary) {
                        continue; // always on: there is nothing to switch
                    }
                    let known = match service {
                        None => table.purposes.iter().any(|(p, _)| p == purpose),
                        Some(s) => table.services.iter().any(|(p, n, _)| p == purpose && n == s),
                    };
                    if !known {
                        let name = service.as_ref().map_or(purpose.clone(), |s| format!("{purpose}/{s}"));
                        let known = self.config.purposes.iter().map(|p| p.name.clone()).collect();
                        return Err(ConsentError::Unknown { name, known });
                    }
                    match service {
                        None => table.set_purpose(purpose, *on),
                        Some(s) => table.set_service(purpose, s, *on),
                    }
                }
            }
        }
        if self.guardian_required() && by == DecidedBy::Visitor && table.purposes.iter().any(|(_, on)| *on) {
            return Err(ConsentError::GuardianRequired);
        }
        // Made now, with the signal on or off: an explicit choice stands despite the signal.
        let record = ConsentRecord { revision: self.config.revision, time: self.clock.now(), by, choices: table.entries(), signal: self.environment.signal() };
        self.store.save(&record.encode(), self.keep_for(&table));
        Ok(self.replace(table, Some(record)))
    }

    /// How long a choice allowing what `table` allows is kept: the config's lifetime for an
    /// acceptance (anything optional on) or a rejection, or the browser session only on a
    /// shared device.
    pub fn keep_for(&self, table: &ChoiceTable) -> Option<u32> {
        if self.environment.shared_device {
            return None;
        }
        Some(if table.allows_anything() { self.config.consent_max_age_days } else { self.config.reject_max_age_days })
    }

    /// Says the device is shared (or not) from now on. On a shared device the choice in force
    /// is kept for this browser session only.
    pub fn set_shared(&mut self, shared: bool) {
        self.environment.shared_device = shared || self.config.shared_device;
        if let Some(record) = &self.record {
            self.store.save(&record.encode(), self.keep_for(&self.table));
        }
    }

    /// Forgets the choice: everything optional is off and Kite asks again.
    pub fn reset(&mut self) -> Outcome {
        self.store.clear();
        let table = ChoiceTable::all_off(&self.config);
        self.replace(table, None)
    }

    /// Re-reads the store (another tab may have changed it) and says what changed.
    pub fn reload(&mut self) -> Outcome {
        let text = self.store.load();
        self.adopt(text)
    }

    /// Takes the record another tab just stored (`None` when it forgot the choice), checked
    /// exactly as a stored one would be, and says what changed. Tabs pass the record itself
    /// because a browser may show one tab another tab's new cookie a moment late.
    pub fn adopt(&mut self, text: Option<String>) -> Outcome {
        let before = self.table.clone();
        self.read(text);
        let after = std::mem::replace(&mut self.table, before);
        let record = self.record.clone();
        self.replace(after, record)
    }

    /// Every optional purpose and service that is not allowed now: their cookies should not
    /// exist, so Kite clears them when a page starts (a tracker may have set one again as
    /// the page unloaded).
    pub fn not_allowed(&self) -> Vec<(String, Option<String>)> {
        let mut out = Vec::new();
        for p in self.config.optional_purposes() {
            if !self.allows(&p.name, None) {
                out.push((p.name.clone(), None));
                continue;
            }
            for s in p.services.iter().filter(|s| !self.allows(&p.name, Some(&s.name))) {
                out.push((p.name.clone(), Some(s.name.clone())));
            }
        }
        out
    }

    /// Must the page reload to stop scripts that already ran? True when the config allows it
    /// and something in `ran` (purpose, service) is no longer allowed.
    pub fn must_reload(&self, ran: &[(String, Option<String>)]) -> bool {
        self.config.reload_on_withdraw && ran.iter().any(|(p, s)| !self.allows(p, s.as_deref()))
    }

    fn replace(&mut self, table: ChoiceTable, record: Option<ConsentRecord>) -> Outcome {
        let before = std::mem::replace(&mut self.table, table);
        self.record = record;
        Outcome { granted: self.table.switched_off_in(&before), withdrawn: before.switched_off_in(&self.table) }
    }

    fn read(&mut self, text: Option<String>) {
        self.record = None;
        self.table = ChoiceTable::all_off(&self.config);
        let Some(record) = text.and_then(|text| ConsentRecord::decode(&text)) else { return };
        self.chosen_under = Some(record.revision);
        let now = self.clock.now();
        let accepted = ChoiceTable::from_record(&self.config, &record).allows_anything();
        let days = if accepted { self.config.consent_max_age_days } else { self.config.reject_max_age_days };
        let expired = record.time.saturating_add(u64::from(days) * 86_400) < now;
        let from_the_future = record.time > now.saturating_add(86_400);
        if record.revision != self.config.revision || expired || from_the_future {
            return;
        }
        let mut table = ChoiceTable::from_record(&self.config, &record);
        if self.guardian_required() && record.by != DecidedBy::Guardian {
            table = ChoiceTable::all_off(&self.config);
        }
        // Global Privacy Control or Do Not Track only ever tightens: a choice made before the
        // browser sent it no longer counts, so nothing optional runs and the banner (which
        // says the signal was honoured) asks again; a choice made with it on stands.
        if self.environment.signal() && !record.signal {
            return;
        }
        self.table = table;
        self.record = Some(record);
    }
}
