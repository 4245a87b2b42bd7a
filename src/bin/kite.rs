//! `kite`: check a config before publishing it, and produce the DPIA evidence from it.
//!
//! ```text
//! kite check kite.json              each mistake, as the browser console would say it
//! kite inventory kite.json [--csv]  every service: purpose, provider, domains, cookies, storage, basis
//! kite report kite.json             the Children's Code report (Markdown), warnings first
//! ```
//!
//! Exit status: 0 when the config is clean, 1 when it has mistakes (the output is still
//! produced from its valid parts), 2 when the file cannot be read or is not JSON.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(run(&std::env::args().skip(1).collect::<Vec<_>>(), &mut std::io::stdout(), &mut std::io::stderr()));
}

#[cfg(not(target_arch = "wasm32"))]
fn run(args: &[String], out: &mut dyn std::io::Write, err: &mut dyn std::io::Write) -> i32 {
    use kite::policy::config::Config;
    use kite::policy::json::Json;
    use kite::policy::report;
    const USAGE: &str = "usage: kite check <kite.json> | kite inventory <kite.json> [--csv] | kite report <kite.json>";
    let (Some(command), Some(file)) = (args.first(), args.get(1)) else {
        let _ = writeln!(err, "{USAGE}");
        return 2;
    };
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(why) => {
            let _ = writeln!(err, "kite: can't read {file}: {why}");
            return 2;
        }
    };
    let json = match Json::parse(&text) {
        Ok(json) => json,
        Err(why) => {
            let _ = writeln!(err, "kite: {file} is not JSON: {why}. Kite would run with its safe defaults.");
            return 2;
        }
    };
    let (config, errors) = Config::from_json(&json);
    for error in &errors {
        let _ = writeln!(err, "{file}: {error}");
    }
    let output = match command.as_str() {
        "check" => {
            if errors.is_empty() {
                format!("{file}: no mistakes found.\n")
            } else {
                String::new()
            }
        }
        "inventory" if args.iter().any(|a| a == "--csv") => report::inventory_csv(&config),
        "inventory" => report::inventory_markdown(&config),
        "report" => report::code_report(&config),
        other => {
            let _ = writeln!(err, "kite: there is no command \"{other}\". {USAGE}");
            return 2;
        }
    };
    let _ = out.write_all(output.as_bytes());
    i32::from(!errors.is_empty())
}
