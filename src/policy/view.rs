//! What the consent UI shows, decided here so components only render it: the words in the
//! right language and age band (with the site's own overrides), and one row per purpose with
//! its state and whether it can be switched.

use super::age::AgeBand;
use super::config::{Config, PurposeKind};
use super::notices::{Answer, Source};
use super::rights::{self, Contact, Help, Route};
use super::contact::{GuardMode, Kind};
use super::indicators::{Monitor, Sign};
use super::consent::{ChoiceTable, Clock, Consent, Prompt, RecordStore};
use super::embeds;
use super::links;
use super::locale::{self, Lang};
use super::marker::Marker;

/// Words for one language and age band, with the site's overrides applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Words {
    /// The language.
    pub lang: Lang,
    /// The age band.
    pub band: AgeBand,
    overrides: Vec<(String, String)>,
}

impl Words {
    /// The words for `lang` and `band`, with `config`'s overrides for that language.
    pub fn new(config: &Config, lang: Lang, band: AgeBand) -> Words {
        let overrides = config.text.iter().filter(|(l, _, _)| *l == lang).map(|(_, k, v)| (k.clone(), v.clone())).collect();
        Words { lang, band, overrides }
    }

    /// The text for a message key.
    pub fn get(&self, key: &str) -> String {
        match self.overrides.iter().find(|(k, _)| k == key) {
            Some((_, text)) => text.clone(),
            None => locale::message(self.lang, key, self.band).to_string(),
        }
    }
}

/// Why a switch cannot be changed by the person looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lock {
    /// "necessary": always on.
    AlwaysOn,
    /// Only a parent or carer can switch it on.
    Guardian,
}

/// One switch in the preferences dialog: a purpose, or one of its services.
#[derive(Clone, Debug, PartialEq)]
pub struct SwitchRow {
    /// The switch's element id: `kite-purpose-analytics`, `kite-service-analytics-stats`.
    pub id: String,
    /// The purpose it belongs to.
    pub purpose: String,
    /// The service, for a service's switch.
    pub service: Option<String>,
    /// Its label.
    pub label: String,
    /// Lines under the label: what it is for, why it is locked, the cookies it sets.
    pub about: Vec<String>,
    /// Why it cannot be switched, if it cannot.
    pub lock: Option<Lock>,
    /// A purpose's services (empty for a service).
    pub services: Vec<SwitchRow>,
}

/// What a button (or the close control) in a panel does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Accept every optional purpose.
    Accept,
    /// Reject every optional purpose.
    Reject,
    /// Open the preferences dialog.
    Choose,
    /// Save the switches as they are.
    Save,
    /// Close the panel, changing nothing.
    Close,
    /// Stay on this site: the link is not followed.
    Back,
    /// Follow the link to the other site.
    Continue,
    /// Load this embed (the placeholder's number) now, without remembering a choice.
    LoadOnce(u32),
    /// Allow this embed's service (or purpose) from now on, which loads every embed of it.
    AllowAlways(u32),
    /// A just-in-time notice was answered.
    Notice(Answer),
    /// Show this panel again in another age band's words ("Say it more simply").
    ReadAs(AgeBand),
    /// Open the rights panel (or go back to its list).
    Rights,
    /// Open one of the rights panel's routes.
    Route(Route),
    /// "OK" to the message about a changed privacy notice.
    Acknowledge,
    /// Close the rights panel (Escape, or its close control).
    CloseDialog,
    /// Open the explanation of who can see the child's activity.
    Monitoring,
    /// "Stop sharing": end every location watch.
    StopLocation,
    /// "Turn off": stop the camera and microphone.
    StopMedia,
    /// The contact-details warning was answered: `true` for "Send anyway".
    Guard(bool),
}

/// A link in a panel: the school's route, a help service, the full privacy notice. It opens
/// in a new tab with no referrer.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// What it says.
    pub label: String,
    /// Where it goes.
    pub href: String,
}

/// A button in a panel.
#[derive(Clone, Debug, PartialEq)]
pub struct Button {
    /// What it does.
    pub action: Action,
    /// Its `data-action` name, for the page's own scripts and tests.
    pub code: &'static str,
    /// Its text.
    pub label: String,
}

/// A dialog Kite shows, decided here in full: the UI renders every panel with one component.
#[derive(Clone, Debug, PartialEq)]
pub struct Panel {
    /// `banner` or `prefs`: the class `kite-{kind}` and the heading's id `kite-{kind}-title`.
    pub kind: &'static str,
    /// Modal: a backdrop, focus kept inside and returned when it closes.
    pub modal: bool,
    /// A dialog (focus moves in when it opens; a close control and Escape dismiss it).
    /// Otherwise a labelled group in the page's flow, such as an embed's placeholder.
    pub dialog: bool,
    /// The heading.
    pub title: String,
    /// A site name shown large under the heading (where a link goes).
    pub site: Option<String>,
    /// The close (×) control's accessible name.
    pub close_label: String,
    /// What the close control and Escape do.
    pub dismiss: Action,
    /// The short text under the heading.
    pub text: String,
    /// A highlighted note (Global Privacy Control or Do Not Track was honoured).
    pub note: Option<String>,
    /// The switches, "necessary" first (none on the banner).
    pub switches: Vec<SwitchRow>,
    /// The buttons, equal in size, weight and colour, in this order.
    pub buttons: Vec<Button>,
    /// The `code` of the button that gets focus when the panel opens; otherwise the panel
    /// itself does, so no choice is pre-selected.
    pub focus: Option<&'static str>,
    /// The label of a tick box above the buttons, unticked at first ("Don't ask again for
    /// this site today"); the buttons' actions receive whether it is ticked.
    pub tick: Option<String>,
    /// A picture above the text (a built-in notice's name) and its text alternative.
    pub picture: Option<(&'static str, String)>,
    /// Lines under the text, as a list (who can see what, and why).
    pub lines: Vec<String>,
    /// Links under the text.
    pub links: Vec<Link>,
    /// "Say it more simply" and "Tell me more": the same panel in a younger or older band's
    /// words, offered only where the words differ.
    pub read_as: Vec<Button>,
    /// "Read to me" for children under 10 (the ICO suggests audio for those who cannot yet
    /// read well): the button's label and the words it speaks. The browser hides it when it
    /// has no voice for the language.
    pub speak: Option<(String, String)>,
}

impl Panel {
    /// A modal dialog with a heading and text; the rest is filled in by each room.
    fn new(kind: &'static str, title: String, text: String) -> Panel {
        Panel {
            kind,
            modal: true,
            dialog: true,
            title,
            site: None,
            close_label: String::new(),
            dismiss: Action::CloseDialog,
            text,
            note: None,
            switches: Vec::new(),
            buttons: Vec::new(),
            focus: None,
            tick: None,
            picture: None,
            lines: Vec::new(),
            links: Vec::new(),
            read_as: Vec::new(),
            speak: None,
        }
    }

    /// Adds "Read to me" for the youngest readers: the heading, the site, the text, the note
    /// and the lines, in reading order.
    fn spoken(mut self, words: &Words) -> Panel {
        if words.band <= AgeBand::From6To9 {
            let parts = [Some(&self.title), self.site.as_ref(), Some(&self.text), self.note.as_ref()].into_iter().flatten().chain(self.lines.iter());
            let text = parts.filter(|p| !p.is_empty()).cloned().collect::<Vec<_>>().join(" ");
            self.speak = Some((words.get("read.aloud"), text));
        }
        self
    }
}

/// Adds "Say it more simply" / "Tell me more" to a panel built by `build`: for each way, the
/// nearest band whose words differ from these.
fn with_read_as(config: &Config, words: &Words, build: impl Fn(&Words) -> Panel) -> Panel {
    let mut panel = build(words).spoken(words);
    let said = |p: &Panel| (p.title.clone(), p.text.clone(), p.note.clone(), p.links.clone(), p.lines.clone());
    let here = said(&panel);
    for (older, key) in [(false, "read.younger"), (true, "read.older")] {
        let mut band = words.band;
        while let Some(next) = band.step(older) {
            band = next;
            if said(&build(&Words::new(config, words.lang, band))) != here {
                panel.read_as.push(Button { action: Action::ReadAs(band), code: if older { "older" } else { "younger" }, label: words.get(key) });
                break;
            }
        }
    }
    panel
}

/// A just-in-time notice before a use of data: a picture, what will happen to the
/// information, who will see it and for how long; for under-13s, to ask an adult if unsure.
/// "Not now" and "OK", neither chosen for the child; Escape means "Not now". None for a
/// notice the config doesn't have.
pub fn notice(words: &Words, config: &Config, name: &str) -> Option<Panel> {
    let source = config.notices.find(name)?;
    Some(with_read_as(config, words, |words| {
        let lang = words.lang;
        let (title, text, picture) = match source {
            Source::BuiltIn(n) => (words.get(&format!("notice.{n}.title")), words.get(&format!("notice.{n}.text")), Some(n)),
            Source::Custom(c) => (c.title.get(lang).to_string(), c.text.get(lang).to_string(), c.picture),
        };
        let mut panel = Panel::new("notice", title, text);
        panel.close_label = words.get("button.not_now");
        panel.dismiss = Action::Notice(Answer::NotNow);
        panel.note = words.band.needs_guardian_consent().then(|| words.get("notice.adult"));
        panel.picture = picture.map(|p| (p, words.get(&format!("notice.{p}.picture"))));
        panel.buttons = vec![
            Button { action: Action::Notice(Answer::NotNow), code: "not-now", label: words.get("button.not_now") },
            Button { action: Action::Notice(Answer::Ok), code: "ok", label: words.get("button.ok") },
        ];
        panel
    }))
}

/// The rights panel: five things a child can ask for, each a button leading to
/// [`rights_route`].
pub fn rights_list(words: &Words, config: &Config) -> Panel {
    with_read_as(config, words, |words| {
        let mut panel = Panel::new("rights", words.get("rights.title"), words.get("rights.intro"));
        panel.close_label = words.get("button.close");
        panel.buttons = Route::ALL.iter().map(|r| Button { action: Action::Route(*r), code: r.code(), label: words.get(&format!("rights.{}", r.code())) }).collect();
        panel
    })
}

/// One route of the rights panel: what happens next and who will help, then the school's
/// route (an email with only a subject filled in, or its web page) or, when the school gave
/// none, to tell an adult at school; for "I'm worried", the help services too.
pub fn rights_route(words: &Words, config: &Config, route: Route) -> Panel {
    with_read_as(config, words, |words| {
        let code = route.code();
        let mut panel = Panel::new("route", words.get(&format!("rights.{code}")), words.get(&format!("rights.{code}.next")));
        panel.close_label = words.get("button.close");
        match config.rights.contact(route) {
            Some(contact) => panel.links.push(Link {
                label: words.get(if matches!(contact, Contact::Email(_)) { "rights.email" } else { "rights.page" }),
                href: rights::href(contact, &words.get(&format!("rights.{code}.subject")), &words.get("rights.mail_body")),
            }),
            None => panel.note = Some(words.get("rights.ask_adult")),
        }
        if route == Route::Worry {
            panel.links.extend(config.rights.help.iter().map(|help| Link {
                label: match help {
                    Help::Ceop => words.get("help.ceop"),
                    Help::Childline => words.get("help.childline"),
                    Help::Custom { label, .. } => label.get(words.lang).to_string(),
                },
                href: help.url().to_string(),
            }));
        }
        panel.buttons = vec![Button { action: Action::Rights, code: "back", label: words.get("button.back") }];
        panel.focus = Some("back");
        panel
    })
}

/// "We changed how we look after your information": the school's summary of what changed
/// (or a general sentence when it gave none) and a link to the full notice, with one "OK".
pub fn policy_change(words: &Words, config: &Config) -> Panel {
    with_read_as(config, words, |words| {
        let text = config.changes.as_ref().map_or_else(|| words.get("changes.body"), |c| c.get(words.lang).to_string());
        let mut panel = Panel::new("changes", words.get("changes.title"), text);
        panel.close_label = words.get("button.close");
        panel.dismiss = Action::Acknowledge;
        panel.links = config.privacy_notice.iter().map(|url| Link { label: words.get("changes.read_all"), href: url.clone() }).collect();
        panel.buttons = vec![Button { action: Action::Acknowledge, code: "ok", label: words.get("button.ok") }];
        panel
    })
}

/// A sign on screen: what it says, its picture, and its button ("Stop sharing", "Turn off"),
/// or for the monitoring sign, what activating the sign itself does.
#[derive(Clone, Debug, PartialEq)]
pub struct SignView {
    /// `monitoring`, `location` or `media`: the class `kite-sign-{kind}`.
    pub kind: &'static str,
    /// The picture's name in the UI's icon set.
    pub icon: &'static str,
    /// What the sign says.
    pub label: String,
    /// The button beside the label.
    pub button: Option<Button>,
    /// What activating the sign itself does (the whole sign is then a button).
    pub opens: Option<Action>,
}

/// "Your teacher", "Your parent or carer and teacher": the names of who can see, joined.
fn watchers(words: &Words, monitors: &[Monitor]) -> String {
    let mut names: Vec<String> = Vec::new();
    for m in monitors {
        let name = words.get(&format!("monitor.who.{}", m.by.code()));
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let last = names.pop().unwrap_or_default();
    match names.is_empty() {
        true => last,
        // Welsh repeats the possessive ("rhiant neu ofalwr a'ch athro"), so needs no "ac".
        false => words.get("monitor.join").replace("{a}", &names.join(", ")).replace("{b}", &last),
    }
}

/// One line of who can see what: "Your teacher can see your work".
fn monitor_line(words: &Words, m: &Monitor) -> String {
    words.get("monitor.sign.one").replace("{who}", &words.get(&format!("monitor.who.{}", m.by.code()))).replace("{what}", m.what.get(words.lang))
}

/// The signs' words and buttons.
pub fn signs(words: &Words, monitors: &[Monitor], signs: &[Sign]) -> Vec<SignView> {
    signs
        .iter()
        .map(|sign| match *sign {
            Sign::Monitoring => SignView {
                kind: "monitoring",
                icon: "eye",
                label: match monitors {
                    [one] => monitor_line(words, one),
                    _ => words.get("monitor.sign.many").replace("{who}", &watchers(words, monitors)),
                },
                button: None,
                opens: Some(Action::Monitoring),
            },
            Sign::Location => SignView {
                kind: "location",
                icon: "location",
                label: words.get("sign.location"),
                button: Some(Button { action: Action::StopLocation, code: "stop-sharing", label: words.get("button.stop_sharing") }),
                opens: None,
            },
            Sign::Media { camera, microphone } => SignView {
                kind: "media",
                icon: if camera { "camera" } else { "microphone" },
                label: words.get(match (camera, microphone) {
                    (true, true) => "sign.camera_microphone",
                    (true, false) => "sign.camera",
                    _ => "sign.microphone",
                }),
                button: Some(Button { action: Action::StopMedia, code: "turn-off", label: words.get("button.turn_off") }),
                opens: None,
            },
        })
        .collect()
}

/// What the monitoring sign opens: who can see what, and why each of them can, with "OK".
pub fn monitoring(words: &Words, config: &Config, monitors: &[Monitor]) -> Panel {
    with_read_as(config, words, |words| {
        let mut panel = Panel::new("monitoring", words.get("monitor.title"), words.get("monitor.text"));
        panel.close_label = words.get("button.close");
        panel.lines = monitors.iter().map(|m| format!("{}. {}", monitor_line(words, m), words.get(&format!("monitor.why.{}", m.by.code())))).collect();
        panel.note = words.band.needs_guardian_consent().then(|| words.get("monitor.ask"));
        panel.buttons = vec![Button { action: Action::CloseDialog, code: "ok", label: words.get("button.ok") }];
        panel.focus = Some("ok");
        panel
    })
}

/// The warning before a message with contact details is sent: what it looks like it holds,
/// why contact details stay private, and for under-13s to tell an adult who asks for them.
/// "Change my message" has focus; "Send anyway" is offered only in warn mode.
pub fn guard_warning(words: &Words, config: &Config, kinds: &[Kind], mode: GuardMode) -> Panel {
    with_read_as(config, words, |words| {
        let found = kinds.first().map_or(String::new(), |k| words.get(&format!("guard.found.{}", k.code())));
        let why = words.get(if mode == GuardMode::Block { "guard.blocked" } else { "guard.why" });
        let mut panel = Panel::new("guard", words.get("guard.title"), format!("{found} {why}"));
        panel.close_label = words.get("button.change");
        panel.dismiss = Action::Guard(false);
        panel.note = words.band.needs_guardian_consent().then(|| words.get("guard.adult"));
        panel.buttons = vec![Button { action: Action::Guard(false), code: "change", label: words.get("button.change") }];
        if mode == GuardMode::Warn {
            panel.buttons.push(Button { action: Action::Guard(true), code: "send", label: words.get("button.send_anyway") });
        }
        panel.focus = Some("change");
        panel
    })
}

/// The self-audit's findings, for the school's web admin (`#kite-audit`): how many, then each
/// with the element and the fix.
pub fn audit(words: &Words, findings: &[super::audit::Finding]) -> Panel {
    let text = if findings.is_empty() { words.get("audit.none") } else { words.get("audit.some").replace("{n}", &findings.len().to_string()) };
    let mut panel = Panel::new("audit", words.get("audit.title"), text);
    panel.close_label = words.get("button.close");
    panel.lines = findings.iter().map(|f| format!("{}: {}", f.element, f.message)).collect();
    panel.buttons = vec![Button { action: Action::CloseDialog, code: "ok", label: words.get("button.ok") }];
    panel.focus = Some("ok");
    panel
}

/// The "you are leaving" dialog before a link to another site: the site named large, that it
/// is not this website and has its own rules, and for under-13s to check with an adult.
/// "Go back" has focus, so pressing Enter by habit keeps the child here. `may_skip`: offer
/// "Don't ask again for this site today" ([`super::links::LinkRules::may_skip`]).
pub fn leaving(words: &Words, site: &str, may_skip: bool) -> Panel {
    let mut panel = Panel::new("leave", words.get("leave.title"), words.get("leave.body"));
    panel.site = Some(site.to_string());
    panel.close_label = words.get("button.back");
    panel.dismiss = Action::Back;
    panel.note = words.band.needs_guardian_consent().then(|| words.get("leave.adult"));
    panel.buttons = vec![
        Button { action: Action::Back, code: "back", label: words.get("button.back") },
        Button { action: Action::Continue, code: "continue", label: words.get("button.continue").replace("{site}", site) },
    ];
    panel.focus = Some("back");
    panel.tick = may_skip.then(|| words.get("leave.skip"));
    panel.spoken(words)
}

/// Said instead of following a `data:` or `vbscript:` link, which has no site to name and
/// can dress up anything as a page.
pub fn refused(words: &Words) -> Panel {
    let mut panel = Panel::new("refuse", words.get("refuse.title"), words.get("refuse.body"));
    panel.close_label = words.get("button.close");
    panel.dismiss = Action::Back;
    panel.buttons = vec![Button { action: Action::Back, code: "ok", label: words.get("button.ok") }];
    panel.focus = Some("ok");
    panel.spoken(words)
}

/// The placeholder shown in a marked embed's box until it may load: who provides it, what
/// it may collect, "Load this once", and "Always allow <provider>" unless only a parent or
/// carer may switch things on (`can_allow`). `id` is the placeholder's number, which its
/// buttons carry; `src` is the embed's address.
pub fn embed(words: &Words, config: &Config, marker: &Marker, src: &str, id: u32, can_allow: bool) -> Panel {
    let lang = words.lang;
    let purpose = config.purposes.iter().find(|p| p.name == marker.purpose);
    let service = purpose.and_then(|p| p.services.iter().find(|s| Some(&s.name) == marker.service.as_ref()));
    let known = embeds::provider(src);
    let name = service
        .and_then(|s| s.label.as_ref().map(|l| l.get(lang).to_string()))
        .or_else(|| known.map(|k| k.name.to_string()))
        .unwrap_or_else(|| links::address(src).map_or_else(String::new, |a| links::display(links::site(&a.host.to_ascii_lowercase()))));
    let collects = service
        .and_then(|s| s.description.as_ref().map(|d| d.get(lang).to_string()))
        .unwrap_or_else(|| words.get(&format!("embed.{}", known.map_or("other", |k| k.code))).replace("{provider}", &name));
    let mut buttons = vec![Button { action: Action::LoadOnce(id), code: "once", label: words.get("button.load_once") }];
    if can_allow {
        buttons.push(Button { action: Action::AllowAlways(id), code: "always", label: words.get("button.allow_always").replace("{provider}", &name) });
    }
    let mut panel = Panel::new("embed", words.get("embed.title").replace("{provider}", &name), collects);
    panel.modal = false;
    panel.dialog = false;
    panel.dismiss = Action::Close;
    panel.note = words.band.needs_guardian_consent().then(|| words.get("leave.adult"));
    panel.buttons = buttons;
    // No "Read to me" here: the placeholder must fit the embed's own box.
    panel
}

/// Everything the consent UI shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ConsentView {
    /// What to ask now.
    pub prompt: Prompt,
    /// The page's language, for the `lang` attribute.
    pub lang: Lang,
    /// The words.
    pub words: Words,
    /// One switch per purpose (with its services), "necessary" first.
    pub switches: Vec<SwitchRow>,
    /// The current choices (the starting point of the preferences dialog).
    pub choices: ChoiceTable,
    /// The browser sends Global Privacy Control or Do Not Track, so the UI says it was honoured.
    pub signal: bool,
    /// Only a parent or carer can switch optional purposes on.
    pub guardian_required: bool,
    /// Show the "Privacy settings" button once a choice is made.
    pub settings_button: bool,
    /// "You chose this on 3 March 2026. Receipt …", when the choice in force has a receipt.
    pub receipt: Option<String>,
}

impl ConsentView {
    /// Builds the view of `consent` in `lang`, with the preferences dialog's switches.
    pub fn of<S: RecordStore, C: Clock>(consent: &Consent<S, C>, lang: Lang) -> ConsentView {
        let mut view = ConsentView::lean(consent, lang);
        view.switches = switches(consent.config(), &view.words, view.guardian_required);
        view
    }

    /// What the first paint needs: the view without the preferences dialog's switches (whose
    /// words come with the preferences room).
    pub fn lean<S: RecordStore, C: Clock>(consent: &Consent<S, C>, lang: Lang) -> ConsentView {
        let config = consent.config();
        let words = Words::new(config, lang, consent.band());
        ConsentView {
            prompt: consent.prompt(),
            lang,
            words,
            switches: Vec::new(),
            choices: consent.table().clone(),
            signal: consent.environment().signal(),
            guardian_required: consent.guardian_required(),
            settings_button: config.settings_button,
            receipt: None,
        }
    }
}

/// One switch per purpose (with its services), "necessary" first, in `words`' language.
/// `guardian_required`: only a parent or carer can switch optional purposes on.
pub fn switches(config: &Config, words: &Words, guardian_required: bool) -> Vec<SwitchRow> {
    let lang = words.lang;
    let cookies_label = words.get("prefs.cookies");
    config
        .purposes
        .iter()
        .map(|p| {
            let builtin = |part: &str| words.get(&format!("purpose.{}.{part}", p.name));
            let lock = if p.kind == PurposeKind::Necessary {
                Some(Lock::AlwaysOn)
            } else if guardian_required {
                Some(Lock::Guardian)
            } else {
                None
            };
            let description = match (&p.description, p.kind) {
                (Some(text), _) => text.get(lang).to_string(),
                (None, PurposeKind::Custom) => String::new(),
                (None, _) => builtin("description"),
            };
            let mut about = vec![description];
            about.extend(lock.map(|lock| {
                words.get(match lock {
                    Lock::AlwaysOn => "prefs.always_on",
                    Lock::Guardian => "prefs.locked_guardian",
                })
            }));
            let services = p
                .services
                .iter()
                .map(|s| {
                    let mut about: Vec<String> = s.description.iter().map(|t| t.get(lang).to_string()).collect();
                    if !s.cookies.is_empty() {
                        let names: Vec<&str> = s.cookies.iter().map(|c| c.as_str()).collect();
                        about.push(format!("{cookies_label} {}", names.join(", ")));
                    }
                    SwitchRow {
                        id: format!("kite-service-{}-{}", p.name, s.name),
                        purpose: p.name.clone(),
                        service: Some(s.name.clone()),
                        label: s.label.as_ref().map_or_else(|| s.name.clone(), |t| t.get(lang).to_string()),
                        about,
                        lock,
                        services: Vec::new(),
                    }
                })
                .collect();
            SwitchRow {
                id: format!("kite-purpose-{}", p.name),
                purpose: p.name.clone(),
                service: None,
                label: match (&p.label, p.kind) {
                    (Some(text), _) => text.get(lang).to_string(),
                    (None, PurposeKind::Custom) => p.name.clone(),
                    (None, _) => builtin("label"),
                },
                about,
                lock,
                services,
            }
        })
        .collect()
}

impl ConsentView {
    /// The first layer, unless a choice is in force: three equal choices, or for under-13s a
    /// notice with one "OK". Closing it or pressing Escape means "reject".
    pub fn banner(&self) -> Option<Panel> {
        let child = match self.prompt {
            Prompt::Nothing => return None,
            Prompt::Banner => false,
            Prompt::ChildNotice => true,
        };
        let buttons = if child {
            vec![self.button(Action::Reject, "ok", "button.ok")]
        } else {
            vec![
                self.button(Action::Accept, "accept", "button.accept_all"),
                self.button(Action::Reject, "reject", "button.reject_all"),
                self.button(Action::Choose, "choose", "button.choose"),
            ]
        };
        let mut panel = Panel::new("banner", self.words.get("banner.title"), self.words.get(if child { "banner.child_body" } else { "banner.body" }));
        panel.modal = false;
        panel.close_label = self.words.get("button.close_label");
        panel.dismiss = Action::Reject;
        panel.note = self.signal_note();
        panel.buttons = buttons;
        Some(panel.spoken(&self.words))
    }

    /// The preferences dialog: a switch per purpose and service, and Accept all, Reject all,
    /// Save my choices (only Close when a parent or carer must decide).
    pub fn preferences(&self) -> Panel {
        let buttons = if self.guardian_required {
            vec![self.button(Action::Close, "close", "button.close")]
        } else {
            vec![
                self.button(Action::Accept, "accept", "button.accept_all"),
                self.button(Action::Reject, "reject", "button.reject_all"),
                self.button(Action::Save, "save", "button.save"),
            ]
        };
        let mut panel = Panel::new("prefs", self.words.get("prefs.title"), self.words.get(if self.guardian_required { "prefs.child_intro" } else { "prefs.intro" }));
        panel.close_label = self.words.get("button.close");
        panel.dismiss = Action::Close;
        panel.note = self.signal_note();
        panel.switches = self.switches.clone();
        panel.buttons = buttons;
        panel.lines = self.receipt.iter().cloned().collect();
        panel
    }

    fn button(&self, action: Action, code: &'static str, key: &str) -> Button {
        Button { action, code, label: self.words.get(key) }
    }

    fn signal_note(&self) -> Option<String> {
        self.signal.then(|| self.words.get("banner.gpc"))
    }
}
