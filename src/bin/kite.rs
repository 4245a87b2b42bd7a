//! `kite`: check a config before publishing it, and produce the DPIA evidence from it.
//!
//! ```text
//! kite check kite.json              each mistake, as the browser console would say it
//! kite inventory kite.json [--csv]  every service: purpose, provider, domains, cookies, storage, basis
//! kite report kite.json             the Children's Code report (Markdown), warnings first
//! kite schema                       the config's JSON Schema (shipped as kite.schema.json)
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
    use kite::policy::json::Json;
    use kite::policy::report::{command, USAGE};
    if args.first().map(String::as_str) == Some("schema") {
        let _ = out.write_all(kite::policy::schema::json_schema(env!("CARGO_PKG_VERSION")).as_bytes());
        return 0;
    }
    let (Some(name), Some(file)) = (args.first(), args.get(1)) else {
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
    let parsed = Json::parse(&text);
    let result = command(name, file, parsed.as_ref().map_err(String::as_str), args.iter().any(|a| a == "--csv"));
    let _ = err.write_all(result.err.as_bytes());
    let _ = out.write_all(result.out.as_bytes());
    result.status
}
