//! Evidence for the school's data protection impact assessment, from the config alone: the
//! inventory of every service (purpose, provider, domains, cookies and storage, how long the
//! choice is kept, lawful basis), as Markdown or CSV, and a Children's Code report: which of
//! the ICO's 15 standards this configuration serves and how, which remain the school's duty,
//! and warnings where the config works against a child's interests.
//!
//! It reads only the config: what the site's pages mark and do is the self-audit's job.

use super::config::{Config, PurposeKind};
use super::locale::Lang;

/// One row of the inventory.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The purpose's name.
    pub purpose: String,
    /// The service's name (empty for a purpose with no services).
    pub service: String,
    /// Who provides it: the service's label, or its name.
    pub provider: String,
    /// The domains it loads from.
    pub domains: Vec<String>,
    /// Its cookies, by name or pattern.
    pub cookies: Vec<String>,
    /// Its other storage: `localStorage: stats_*`.
    pub storage: Vec<String>,
    /// How long the choice about it is kept.
    pub kept: String,
    /// The lawful basis.
    pub basis: String,
}

fn audience_has_under_13s(config: &Config) -> bool {
    config.audience.youngest_band().needs_guardian_consent()
}

fn kept(config: &Config, necessary: bool) -> String {
    if necessary {
        return "always on".to_string();
    }
    if config.shared_device {
        return "the browser session (shared device)".to_string();
    }
    match (config.consent_max_age_days, config.reject_max_age_days) {
        (a, r) if a == r => format!("{a} days"),
        (a, r) => format!("{a} days if allowed, {r} days if refused"),
    }
}

fn basis(config: &Config, necessary: bool) -> String {
    if necessary {
        return "strictly necessary: no consent needed (PECR regulation 6(4)); the school names its UK GDPR basis, usually public task".to_string();
    }
    let mut basis = "consent (PECR regulation 6; UK GDPR Article 6(1)(a))".to_string();
    if audience_has_under_13s(config) {
        basis.push_str("; for under-13s, a parent or carer's (UK GDPR Article 8; DPA 2018 section 9)");
    }
    basis
}

/// Every service, purpose by purpose ("necessary" first), as the config declares it.
pub fn inventory(config: &Config) -> Vec<Row> {
    let mut rows = Vec::new();
    for p in &config.purposes {
        let necessary = p.kind == PurposeKind::Necessary;
        let row = |service: String, provider: String, domains: Vec<String>, cookies: Vec<String>, storage: Vec<String>| Row {
            purpose: p.name.clone(),
            service,
            provider,
            domains,
            cookies,
            storage,
            kept: kept(config, necessary),
            basis: basis(config, necessary),
        };
        if p.services.is_empty() {
            let label = p.label.as_ref().map_or_else(|| p.name.clone(), |l| l.get(Lang::EnGb).to_string());
            rows.push(row(String::new(), label, Vec::new(), Vec::new(), Vec::new()));
        }
        for s in &p.services {
            let storage = s.storage.iter().map(|(kind, pattern)| format!("{}: {}", kind.field(), pattern.as_str())).collect();
            rows.push(row(
                s.name.clone(),
                s.label.as_ref().map_or_else(|| s.name.clone(), |l| l.get(Lang::EnGb).to_string()),
                s.domains.clone(),
                s.cookies.iter().map(|c| c.as_str().to_string()).collect(),
                storage,
            ));
        }
    }
    rows
}

const HEADINGS: [&str; 8] = ["Purpose", "Service", "Provider", "Domains", "Cookies", "Other storage", "Choice kept for", "Lawful basis"];

fn cells(row: &Row) -> [String; 8] {
    [row.purpose.clone(), row.service.clone(), row.provider.clone(), row.domains.join(", "), row.cookies.join(", "), row.storage.join(", "), row.kept.clone(), row.basis.clone()]
}

/// The inventory as CSV (RFC 4180: every field quoted, CRLF line ends), for a spreadsheet.
pub fn inventory_csv(config: &Config) -> String {
    let line = |fields: &[String]| fields.iter().map(|f| format!("\"{}\"", f.replace('"', "\"\""))).collect::<Vec<_>>().join(",") + "\r\n";
    let mut out = line(&HEADINGS.map(String::from));
    for row in inventory(config) {
        out.push_str(&line(&cells(&row)));
    }
    out
}

fn markdown_cell(text: &str) -> String {
    let text = text.replace('|', "\\|").replace(['\n', '\r'], " ");
    if text.is_empty() { "–".to_string() } else { text }
}

/// The inventory as a Markdown table, for pasting into the DPIA.
pub fn inventory_markdown(config: &Config) -> String {
    let mut out = format!("| {} |\n|{}\n", HEADINGS.join(" | "), "---|".repeat(HEADINGS.len()));
    for row in inventory(config) {
        out.push_str(&format!("| {} |\n", cells(&row).iter().map(|c| markdown_cell(c)).collect::<Vec<_>>().join(" | ")));
    }
    out
}

/// Where the config works against a child's interests, or leaves a gap, each with the fix.
pub fn warnings(config: &Config) -> Vec<String> {
    let mut out = Vec::new();
    let young = audience_has_under_13s(config);
    for p in config.optional_purposes() {
        let name = p.name.to_ascii_lowercase();
        let profiling = ["profil", "personalis", "personaliz", "advert", "targeting", "remarketing"].iter().any(|w| name.contains(w));
        if young && (p.kind == PurposeKind::Marketing || profiling || p.sharing) {
            out.push(format!(
                "The purpose \"{}\" ({}) is offered on a site for children under 13. Marketing, profiling and sharing are rarely in a young child's best interests (standards 1, 9 and 12): remove it, or give it only to older pupils' pages.",
                p.name,
                if p.kind == PurposeKind::Marketing { "marketing" } else if profiling { "profiling" } else { "shares data" }
            ));
        }
        for s in &p.services {
            if s.cookies.is_empty() && s.storage.is_empty() {
                out.push(format!("The service \"{}/{}\" declares no cookies or storage, so Kite cannot delete what it keeps when consent is withdrawn (standard 8). List them under \"cookies\" and \"storage\".", p.name, s.name));
            }
        }
    }
    let mut http = Vec::new();
    let mut check = |what: &str, url: &str| {
        if url.to_ascii_lowercase().starts_with("http://") {
            http.push(format!("{what} is not https ({url}): anyone on the network can read or change it. Use its https address."));
        }
    };
    if let Some(url) = &config.privacy_notice {
        check("The privacy notice", url);
    }
    if let Some(url) = &config.receipt_endpoint {
        check("The receipt endpoint", url);
    }
    let contacts = config.rights.contact.iter().chain(config.rights.routes.iter().map(|(_, c)| c));
    for contact in contacts {
        if let super::rights::Contact::Page(url) = contact {
            check("A rights page", url);
        }
    }
    for help in &config.rights.help {
        check("A help service the rights panel lists", help.url());
    }
    out.extend(http);
    if config.privacy_notice.is_none() {
        out.push("No privacy notice is linked (\"privacyNotice.url\"), so the \"we changed\" message cannot point to it (standard 4). Add its address.".to_string());
    }
    if config.rights.contact.is_none() && config.rights.routes.is_empty() {
        out.push("The rights panel has nowhere to send a child's request, so it tells them to ask an adult at school (standard 15). Set \"rights.email\" or \"rights.url\".".to_string());
    }
    out
}

/// The ICO's 15 standards: Kite's part under this config, and what stays the school's.
fn standards(config: &Config) -> Vec<(&'static str, String, &'static str)> {
    let young = audience_has_under_13s(config);
    let optional: Vec<&str> = config.optional_purposes().map(|p| p.name.as_str()).collect();
    let sharing: Vec<&str> = config.optional_purposes().filter(|p| p.sharing).map(|p| p.name.as_str()).collect();
    let domains: Vec<&str> = config.purposes.iter().flat_map(|p| p.services.iter()).flat_map(|s| s.domains.iter().map(String::as_str)).collect();
    let (min, max) = (config.audience.min_age, config.audience.max_age);
    let ages = if max >= 99 { format!("{min} and over") } else { format!("{min} to {max}") };
    let monitors: Vec<String> = config.monitoring.iter().map(|m| format!("{} ({})", m.by.code(), m.what.get(Lang::EnGb))).collect();
    let kept_for = kept(config, false);
    vec![
        ("1. Best interests of the child", "High-privacy defaults; a \"you are leaving\" page before other sites; placeholders instead of third-party embeds; a warning before a child sends contact details from a marked message box.".to_string(), "Decide that each service listed is in children's best interests."),
        ("2. Data protection impact assessments", "This report and the inventory, generated from the config the pages run.".to_string(), "Carry out, sign off and review the DPIA with the data protection officer."),
        ("3. Age appropriate application", format!("Audience {ages}: every message is worded for the age band; unknown age is treated as the youngest.{}", if young { " Under-13s are not asked to consent; only a parent or carer can switch optional purposes on." } else { "" }), "Tell Kite the pupil's age where the dashboard knows it (setAge)."),
        ("4. Transparency", format!("Bite-sized notices at the moment data is used; a rights panel; {}.", if config.privacy_notice.is_some() { "a link to the full privacy notice and a plain-words summary when it changes" } else { "no privacy notice linked yet (see warnings)" }), "Write the privacy notice and keep it true; word the school's own notices."),
        ("5. Detrimental use of data", "No nudges towards sharing; nothing optional runs before a choice.".to_string(), "Make sure the services themselves do not use children's data against them."),
        ("6. Policies and community standards", "The \"we changed\" message shows once when the revision rises.".to_string(), "Publish and uphold the school's policies."),
        ("7. Default settings", format!("Nothing but \"necessary\" runs before a choice; no choice means no; Global Privacy Control and Do Not Track only tighten; a choice is kept for {kept_for}."), "Keep optional purposes off unless there is a compelling reason."),
        ("8. Data minimisation", format!("Each of {} can be chosen on its own, service by service; withdrawing deletes the service's cookies and declared storage.", if optional.is_empty() { "no optional purposes".to_string() } else { optional.join(", ") }), "Collect only what each service needs; set retention periods."),
        ("9. Data sharing", format!("Outbound links carry no referrer or tracking parameters.{}{}", if sharing.is_empty() { String::new() } else { format!(" Purposes that share data: {}.", sharing.join(", ")) }, if domains.is_empty() { String::new() } else { format!(" Third-party domains: {}.", domains.join(", ")) }), "Have a data sharing agreement with each provider."),
        ("10. Geolocation", "Location is off by default and cannot be switched on by the config: each session asks first, a sign shows while it is shared, \"Stop sharing\" ends it, and it ends with the session.".to_string(), "Use location only where a pupil needs it."),
        ("11. Parental controls", if monitors.is_empty() { "A sign shows whenever the pages declare that a parent, carer or teacher can see the child's activity (none is declared in the config).".to_string() } else { format!("A sign shows while monitoring is declared; the config declares: {}.", monitors.join(", ")) }, "Declare every kind of monitoring the platform allows, and explain it to parents."),
        ("12. Profiling", if optional.iter().any(|p| p.contains("profil") || p.contains("personalis")) { "Profiling purposes are off until chosen (see warnings).".to_string() } else { "No profiling purpose is configured; every optional purpose is off by default.".to_string() }, "Switch profiling off unless it is in the child's best interests."),
        ("13. Nudge techniques", "Accept, reject and choose are equal in size, weight and order; no switch is pre-ticked; closing the banner means reject.".to_string(), "Keep the school's own pages free of nudges too."),
        ("14. Connected toys and devices", "Not covered by Kite.".to_string(), "Assess any connected toys or devices the school uses."),
        ("15. Online tools", if config.rights.contact.is_some() || !config.rights.routes.is_empty() { "The rights panel sends a child's requests to the school's contact, worded for their age, with CEOP and Childline for a worried child.".to_string() } else { "The rights panel is there but has no contact yet (see warnings).".to_string() }, "Answer requests within one month."),
    ]
}

/// The Children's Code report, in Markdown.
pub fn code_report(config: &Config) -> String {
    let mut out = format!("# Children's Code report\n\nGenerated by Kite from the config (revision {}). It covers what the config makes Kite do; the school's own duties are listed beside each standard.\n\n", config.revision);
    let warnings = warnings(config);
    out.push_str("## Warnings\n\n");
    if warnings.is_empty() {
        out.push_str("None.\n\n");
    }
    for w in &warnings {
        out.push_str(&format!("- {w}\n"));
    }
    if !warnings.is_empty() {
        out.push('\n');
    }
    out.push_str("## The 15 standards\n\n| Standard | What Kite does | What the school must do |\n|---|---|---|\n");
    for (standard, kite, school) in standards(config) {
        out.push_str(&format!("| {standard} | {} | {} |\n", markdown_cell(&kite), markdown_cell(school)));
    }
    out.push_str("\n## Inventory\n\n");
    out.push_str(&inventory_markdown(config));
    out
}

/// What the `kite` command prints: its exit status (0 clean, 1 mistakes, 2 unusable), standard
/// output and standard error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommandOutput {
    /// 0 when the config is clean, 1 when it has mistakes (the output is still produced from
    /// its valid parts), 2 when the command or file cannot be used.
    pub status: i32,
    /// The report, inventory, schema or "no mistakes found".
    pub out: String,
    /// One line per mistake, `file: path: what to do`.
    pub err: String,
}

/// How the `kite` command is used.
pub const USAGE: &str = "usage: kite check <kite.json> | kite inventory <kite.json> [--csv] | kite report <kite.json> | kite schema";

/// The `kite` command over one config file: `check`, `inventory` (`csv` for CSV) or `report`.
/// `parsed` is the file's JSON, or why it is not JSON. The native binary and the npm package's
/// `kite-privacy` command (the same code in WebAssembly) both print exactly this.
pub fn command(command: &str, file: &str, parsed: Result<&super::json::Json, &str>, csv: bool) -> CommandOutput {
    let fail = |err: String| CommandOutput { status: 2, out: String::new(), err };
    if !matches!(command, "check" | "inventory" | "report") {
        return fail(format!("kite: there is no command \"{command}\". {USAGE}\n"));
    }
    let json = match parsed {
        Ok(json) => json,
        Err(why) => return fail(format!("kite: {file} is not JSON: {why}. Kite would run with its safe defaults.\n")),
    };
    let (config, errors) = Config::from_json(json);
    let mut err: String = errors.iter().map(|e| format!("{file}: {e}\n")).collect();
    if !errors.is_empty() {
        let count = if errors.len() == 1 { "1 mistake".to_string() } else { format!("{} mistakes", errors.len()) };
        err.push_str(&format!("{file}: {count} to fix. Kite would keep the safe default for each and use the rest.\n"));
    }
    let out = match command {
        "check" if errors.is_empty() => format!("{file}: no mistakes found.\n"),
        "check" => String::new(),
        "inventory" if csv => inventory_csv(&config),
        "inventory" => inventory_markdown(&config),
        _ => code_report(&config),
    };
    CommandOutput { status: i32::from(!errors.is_empty()), out, err }
}
