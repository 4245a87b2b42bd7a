//! The DPIA inventory and the Children's Code report, from the config alone, and the `kite`
//! command that prints them and checks a config before it is published.

use kite::policy::config::Config;
use kite::policy::json::Json;
use kite::policy::report::{code_report, inventory, inventory_csv, inventory_markdown, warnings};
use std::process::Command;

fn config(text: &str) -> Config {
    let (config, errors) = Config::from_json(&Json::parse(text).unwrap());
    assert!(errors.is_empty(), "{errors:?}");
    config
}

const PRIMARY: &str = r#"{ "audience": "primary", "consentMaxAgeDays": { "accept": 90, "reject": 365 },
  "purposes": [
    { "name": "analytics", "services": [ { "name": "stats", "label": "Visit counter, \"lite\"", "domains": ["stats.example"], "cookies": ["_stats_*"], "storage": { "localStorage": ["stats_*"] } } ] },
    { "name": "marketing", "services": [ { "name": "ads", "cookies": ["_ads"] } ] },
    { "name": "personalisation", "label": "Recommended reading", "services": [ { "name": "recs" } ] } ],
  "privacyNotice": { "url": "http://oakfield.example/privacy" },
  "rights": { "help": ["childline", { "label": "Local help", "url": "http://help.example/" }] } }"#;

#[test]
fn the_inventory_lists_every_service_with_its_basis_and_how_long_the_choice_is_kept() {
    let rows = inventory(&config(PRIMARY));
    let names: Vec<(&str, &str)> = rows.iter().map(|r| (r.purpose.as_str(), r.service.as_str())).collect();
    assert_eq!(names, [("necessary", ""), ("analytics", "stats"), ("marketing", "ads"), ("personalisation", "recs")]);
    let stats = &rows[1];
    assert_eq!(stats.provider, "Visit counter, \"lite\"");
    assert_eq!(stats.domains, ["stats.example"]);
    assert_eq!(stats.storage, ["localStorage: stats_*"]);
    assert_eq!(stats.kept, "90 days if allowed, 365 days if refused");
    assert!(stats.basis.starts_with("consent") && stats.basis.contains("parent or carer"), "{}", stats.basis);
    assert_eq!(rows[0].kept, "always on");
    assert!(rows[0].basis.starts_with("strictly necessary"));
    let shared = inventory(&config(r#"{ "audience": "sixth-form", "sharedDevice": true }"#));
    assert_eq!(shared[1].kept, "the browser session (shared device)");
    assert!(!shared[1].basis.contains("parent"), "no under-13s on a sixth-form site");
}

#[test]
fn csv_quotes_every_field_and_markdown_escapes_the_table() {
    let csv = inventory_csv(&config(PRIMARY));
    let mut lines = csv.split("\r\n");
    assert_eq!(lines.next(), Some(r#""Purpose","Service","Provider","Domains","Cookies","Other storage","Choice kept for","Lawful basis""#));
    assert!(csv.contains(r#""analytics","stats","Visit counter, ""lite""","stats.example","_stats_*","localStorage: stats_*","90 days if allowed, 365 days if refused","#), "{csv}");
    assert_eq!(csv.matches("\r\n").count(), 5);
    let md = inventory_markdown(&config(r#"{ "purposes": [ { "name": "analytics", "services": [ { "name": "stats", "label": "A | B" } ] } ] }"#));
    assert!(md.contains("| analytics | stats | A \\| B | – |"), "{md}");
}

#[test]
fn warnings_name_what_works_against_a_childs_interests_and_the_fix() {
    let said = warnings(&config(PRIMARY));
    let has = |needle: &str| said.iter().any(|w| w.contains(needle));
    assert!(has("\"marketing\" (marketing) is offered on a site for children under 13"), "{said:#?}");
    assert!(has("\"personalisation\" (profiling)"), "{said:#?}");
    assert!(has("\"personalisation/recs\" declares no cookies or storage"), "{said:#?}");
    assert!(has("The privacy notice is not https (http://oakfield.example/privacy)"), "{said:#?}");
    assert!(has("A help service the rights panel lists is not https (http://help.example/)"), "{said:#?}");
    assert!(has("Set \"rights.email\" or \"rights.url\""), "{said:#?}");
    let clean = config(r#"{ "audience": "secondary", "purposes": [ { "name": "analytics", "services": [ { "name": "stats", "cookies": ["_s"] } ] } ], "privacyNotice": { "url": "/privacy" }, "rights": { "email": "dpo@oakfield.example" } }"#);
    assert_eq!(warnings(&clean), Vec::<String>::new());
}

#[test]
fn the_report_covers_all_15_standards_with_the_schools_duties() {
    let report = code_report(&config(PRIMARY));
    assert!(report.starts_with("# Children's Code report\n"));
    for n in 1..=15 {
        assert!(report.contains(&format!("\n| {n}. ")), "standard {n} is in the table");
    }
    assert!(report.contains("| 2. Data protection impact assessments | This report and the inventory"));
    assert!(report.contains("Carry out, sign off and review the DPIA"));
    assert!(report.contains("Under-13s are not asked to consent"));
    assert!(report.contains("## Warnings\n\n- "));
    assert!(report.contains("## Inventory\n\n| Purpose |"));
}

fn kite(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kite")).args(args).output().expect("the kite command runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("kite-report-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn the_kite_command_checks_a_config_as_the_browser_would_and_prints_the_evidence() {
    let good = file("good.json", PRIMARY);
    assert_eq!(kite(&["check", &good]), (0, format!("{good}: no mistakes found.\n"), String::new()));
    let broken = file("broken.json", r#"{ "revison": 2, "purposes": [ { "name": "analytics", "servces": [] } ], "consentMaxAgeDays": 500 }"#);
    let (code, out, err) = kite(&["check", &broken]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert_eq!(lines[3], format!("{broken}: 3 mistakes to fix. Kite would keep the safe default for each and use the rest."));
    assert!(lines[0].starts_with(&format!("{broken}: revison: unknown field; Kite ignored it. Did you mean \"revision\"?")), "{err}");
    assert!(err.contains("purposes[0].servces: unknown field") && err.contains("Did you mean \"services\"?"), "{err}");
    assert!(err.contains("consentMaxAgeDays: 500 days is longer than 13 months"), "{err}");

    let (code, csv, _) = kite(&["inventory", &good, "--csv"]);
    assert_eq!(code, 0);
    assert_eq!(csv, inventory_csv(&config(PRIMARY)));
    let (_, report, _) = kite(&["report", &good]);
    assert_eq!(report, code_report(&config(PRIMARY)));

    let not_json = file("not.json", "{ revision: 1 ");
    let (code, _, err) = kite(&["check", &not_json]);
    assert_eq!(code, 2);
    assert!(err.contains("is not JSON"), "{err}");
    assert_eq!(kite(&["check", "/nonexistent/kite.json"]).0, 2);
    let (code, _, err) = kite(&["publish", &good]);
    assert_eq!(code, 2);
    assert!(err.contains("there is no command \"publish\"") && err.contains("usage: kite check"), "{err}");
}
