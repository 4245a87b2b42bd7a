//! Rooms that load when they are used. A room is the code behind one thing the page may never
//! use: the preferences dialog, the "you are leaving" dialog, notices, the rights panel, the
//! signs and sensors, the contact guard, the self-audit, the DPIA report, receipts, the config
//! mistakes' wording and "Read to me". In Kite's own web build (the `split` feature) each is
//! a WebAssembly file of its own, fetched the first time the page needs it; the code the
//! rooms share (Leptos, the dialogs) is split into files of its own and comes with the first
//! room that needs it.
//!
//! A room is declared with [`room!`]: a loader (fetched once, by [`ensure`]) and an entry
//! that gives the room once its file is there. [`ensure`] fails with [`Unloaded`] when the
//! file cannot be loaded (offline, blocked, missing): whoever asked refuses the action as the
//! browser would, so nothing a room guards slips through while it loads or when it cannot.
//!
//! (`room!` writes out what the `wasm_split` attribute of `wasm_split_helpers` writes, with the
//! names `wasm-split-cli` looks for, but with one waiting path for every room: the attribute
//! gives each entry a future of its own, about 1.3 KB of the first download for 14 rooms.)

use std::cell::RefCell;
use std::rc::Rc;

/// A room's code could not be loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unloaded;

/// A room's file, fetched at most once (again after a failure).
#[cfg(feature = "split")]
pub type Loader = leptos::wasm_split::rt::LazySplitLoader;

/// Without the `split` feature every room is compiled in: there is nothing to fetch.
#[cfg(not(feature = "split"))]
pub struct Loader;

/// Waits for a room's file to have loaded.
pub async fn ensure(loader: &'static Loader) -> Result<(), Unloaded> {
    #[cfg(feature = "split")]
    return leptos::wasm_split::rt::ensure_loaded(std::pin::Pin::static_ref(loader)).await.map_err(|_| Unloaded);
    #[cfg(not(feature = "split"))]
    {
        let _ = loader;
        Ok(())
    }
}

/// Declares a room: `room!(module, "<32 hex digits>", LOADER: pub fn name(args) -> T { body })`
/// gives `static LOADER`, the room's file (wait for it with [`ensure`]), and `fn name`, which
/// runs `body` from that file once it is there (and must not be called before). Every entry
/// naming the same `module` shares its file; the hex digits make the entry's name unique.
macro_rules! room {
    ($module:ident, $id:literal, $loader:ident: $(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        /// The room's file.
        #[cfg(feature = "split")]
        $vis static $loader: $crate::browser::page::rooms::Loader = {
            #[link(wasm_import_module = "__wasm_split_placeholder__")]
            unsafe extern "C" {
                #[link_name = concat!("__wasm_split_load_", stringify!($module))]
                fn load(callback: ::leptos::wasm_split::rt::LoadCallbackFn, data: *const ::std::ffi::c_void);
            }
            // SAFETY: `wasm-split-cli` makes this import its loader, which calls back once per call.
            unsafe { $crate::browser::page::rooms::Loader::new(load) }
        };
        /// The room's code is compiled in.
        #[cfg(not(feature = "split"))]
        $vis static $loader: $crate::browser::page::rooms::Loader = $crate::browser::page::rooms::Loader;

        $(#[$meta])*
        $vis fn $name($($arg: $ty),*) -> $ret {
            #[cfg(feature = "split")]
            {
                #[link(wasm_import_module = "__wasm_split_placeholder__")]
                #[allow(improper_ctypes)]
                unsafe extern "C" {
                    #[link_name = concat!("__wasm_split_00", stringify!($module), "00_import_", $id, "_", stringify!($name))]
                    safe fn import($($arg: $ty),*) -> $ret;
                }
                #[allow(improper_ctypes_definitions)]
                #[unsafe(export_name = concat!("__wasm_split_00", stringify!($module), "00_export_", $id, "_", stringify!($name)))]
                extern "C" fn export($($arg: $ty),*) -> $ret $body
                import($($arg),*)
            }
            #[cfg(not(feature = "split"))]
            $body
        }
    };
}
pub(crate) use room;

/// Says in the console that a room could not load and what did not happen because of it.
/// The browser's own error, logged just before, names the file.
pub fn refused(room: &str, what: &str) {
    super::super::console_error(&format!(
        "its {room} could not load, so {what}. Check that all of Kite's files are on the server (split_*.wasm, chunk_*.wasm)."
    ));
}

/// The rooms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Room {
    /// The preferences dialog.
    Prefs,
    /// The "you are leaving" and "can't be opened" dialogs.
    Leaving,
    /// Just-in-time notices and the changed-notice message.
    Notices,
    /// The rights panel.
    Rights,
    /// The signs, and the location and camera.
    Monitoring,
    /// The contact-details guard.
    Guard,
    /// The self-audit.
    Audit,
    /// The DPIA report and inventory.
    Report,
    /// Consent receipts.
    Receipts,
    /// The config mistakes' words.
    Wording,
    /// "Read to me".
    Speech,
    /// Deleting withdrawn services' databases and caches.
    Storage,
}

impl Room {
    /// What the console calls it.
    pub fn name(self) -> &'static str {
        match self {
            Room::Prefs => "preferences",
            Room::Leaving => "\"you are leaving\" page",
            Room::Notices => "notices",
            Room::Rights => "rights panel",
            Room::Monitoring => "signs and sensors",
            Room::Guard => "contact-details guard",
            Room::Audit => "self-audit",
            Room::Report => "report",
            Room::Receipts => "receipts",
            Room::Wording => "wording of config mistakes",
            Room::Speech => "\"Read to me\"",
            Room::Storage => "storage cleaner",
        }
    }
}

/// What every room's port has: it is started once, when it has loaded (to listen, or to
/// hear about the page through [`Hooks`]).
pub trait Port {
    /// Starts the room.
    fn start(self: Rc<Self>, page: &super::Page) {
        let _ = page;
    }
}

/// A loaded room's port, kept by the page.
pub struct Slot<T: ?Sized>(RefCell<Option<Rc<T>>>);

impl<T: ?Sized> Default for Slot<T> {
    fn default() -> Self {
        Slot(RefCell::new(None))
    }
}

impl<T: ?Sized + Port> Slot<T> {
    /// Whether the room has loaded.
    pub fn is_set(&self) -> bool {
        self.0.borrow().is_some()
    }

    /// Runs `f` with the room, if it has loaded.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        let room = self.0.borrow().clone()?;
        Some(f(&room))
    }

    /// Keeps the room that just loaded and starts it, unless another call got there first.
    pub fn keep(&self, fresh: Rc<T>, page: &super::Page) {
        if self.is_set() {
            return;
        }
        *self.0.borrow_mut() = Some(fresh.clone());
        fresh.start(page);
    }
}

/// What a loaded room hears from the core. Every method has a default that does nothing.
pub trait Hooks {
    /// The pupil's age band changed (words follow it).
    fn band_changed(&self) {}
    /// Elements were added to the page (Kite's own elements, marked boxes).
    fn page_changed(&self) {}
    /// The pupil is logging out: forget them, close what is open.
    fn logout(&self) {}
}

/// How a room builds its dialog, in the words of the band the child is reading.
pub type Build = Rc<dyn Fn(&super::Page, &crate::policy::view::Words) -> Option<crate::policy::view::Panel>>;

/// What a room does with its dialog's buttons (other than "Say it more simply", "Tell me
/// more" and closing, which [`show`] handles).
pub type Then = Rc<dyn Fn(&Rc<super::Page>, crate::policy::view::Action)>;

/// Shows a room's dialog (a notice, the rights panel, a warning…) in place of the one on
/// screen. "Say it more simply" and "Tell me more" show it again in that band's words; its
/// close control puts focus back where it was. False when there is nothing to show.
pub fn show(page: &super::Page, build: Build, then: Then) -> bool {
    use crate::policy::view::Action;
    let Some(shell) = page.shell() else { return false };
    let Some(panel) = build(page, &page.reading_words()) else { return false };
    crate::ui::dialogs::show_dialog(&shell.layer(), panel, Rc::new(move |pressed: crate::ui::Pressed| {
        let Some(page) = super::current() else { return };
        match pressed.action {
            Action::ReadAs(band) => {
                page.reading.set(Some(band));
                show(&page, build.clone(), then.clone());
            }
            Action::CloseDialog => close(),
            action => then(&page, action),
        }
    }));
    true
}

/// Closes the room's dialog and puts focus back where it was before it opened.
pub fn close() {
    if let Some(origin) = crate::ui::dialogs::close_dialog() {
        let _ = origin.focus();
    }
}

/// The hooks of a room whose dialog should close when the pupil logs out.
pub struct ClosesOnLogout;

impl Hooks for ClosesOnLogout {
    fn logout(&self) {
        crate::ui::dialogs::close_dialog();
    }
}
