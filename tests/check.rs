//! `kite check` on the broken configs a school admin is likely to write: each file in
//! `tests/configs/` gives exactly the lines in its `.expected` file (the package's
//! `kite-privacy check`, the same checker in WebAssembly, is held to the same files in
//! `pkg-tests/cli.test.mjs`). Also: the JSON Schema knows every field the checker knows.

use kite::policy::config::Config;
use kite::policy::json::Json;
use kite::policy::schema;
use std::process::Command;

fn configs() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir("tests/configs")
        .expect("tests/configs is there")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names
}

#[test]
fn each_broken_config_gives_the_expected_errors_naming_the_field_and_the_fix() {
    let names = configs();
    assert!(names.len() >= 8, "{names:?}");
    for name in names {
        let path = format!("tests/configs/{name}");
        let out = Command::new(env!("CARGO_BIN_EXE_kite")).args(["check", &path]).output().unwrap();
        let expected = std::fs::read_to_string(path.replace(".json", ".expected")).unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err, expected, "{path}: kite check printed something else");
        assert!(out.stdout.is_empty(), "{path}: nothing on stdout when there are mistakes");
        if name == "not-json.json" {
            assert_eq!(out.status.code(), Some(2));
            continue;
        }
        assert_eq!(out.status.code(), Some(1), "{path}");
        // Every line but the count names a field path and tells the admin what to do.
        let lines: Vec<&str> = err.lines().collect();
        let (count, errors) = lines.split_last().unwrap();
        assert!(count.contains(&format!("{} mistake", errors.len())), "{count}");
        for line in errors {
            let rest = line.strip_prefix(&format!("{path}: ")).unwrap();
            let (field, message) = rest.split_once(": ").unwrap();
            assert!(!field.is_empty() && !field.contains(' ') || field.starts_with("notices.custom."), "{line}");
            assert!(message.ends_with('.') || message.ends_with(']') || message.ends_with('?'), "{line}");
        }
    }
}

#[test]
fn the_schema_knows_every_top_level_field_the_checker_knows_and_no_more() {
    let text = schema::json_schema("0.0.0");
    let schema = Json::parse(&text).unwrap();
    let Some(Json::Object(properties)) = schema.get("properties") else { panic!("properties") };
    for (name, _) in properties {
        // A config with only this field (as the wrong type) is never "unknown field".
        let config = Json::Object(vec![(name.clone(), Json::Null)]);
        let (_, errors) = Config::from_json(&config);
        assert!(errors.iter().all(|e| !e.message.contains("unknown field")), "{name}: {errors:?}");
    }
    let (_, errors) = Config::from_json(&Json::Object(vec![("revisions".into(), Json::Null)]));
    assert!(errors[0].message.contains("Did you mean \"revision\""));
    assert!(text.contains("\"additionalProperties\": false"));
    assert!(text.contains("\"description\": \"Days before Kite asks again"));
}

#[test]
fn the_verdict_alone_keeps_the_same_config_and_counts_the_same_mistakes() {
    // The browser's first download runs only the verdict; the words come when it counts any.
    let mut inputs: Vec<String> = configs().into_iter().filter(|n| n != "not-json.json").map(|n| format!("tests/configs/{n}")).collect();
    inputs.push("www/site/kite.json".into());
    for path in inputs {
        let json = Json::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let (worded, errors) = Config::from_json(&json);
        let (judged, count) = Config::verdict(&json);
        assert_eq!(judged, worded, "{path}: the verdict kept a different config");
        assert_eq!(count, errors.len(), "{path}: the verdict counted {count} mistakes, the checker worded {}", errors.len());
    }
    assert_eq!(Config::verdict(&Json::parse("{}").unwrap()), (Config::default(), 0));
}
