//! The link classifier, fed the way the browser feeds it: each raw `href` is resolved against
//! the page by a WHATWG URL parser (the `url` crate here, `new URL(href, base)` in the
//! browser) and the serialised result is what the policy core decides about.

use kite::policy::links::{decide, display, registrable_domain, without_tracking, Decision, LinkRules, Pass, Refusal, Skips};

const SCHOOL: &str = "https://www.oakfield.lancs.sch.uk/news/";

/// What the browser would hand Kite for `raw` on the page at `base`.
fn resolve(raw: &str, base: &str) -> String {
    let base = url::Url::parse(base).expect("base");
    base.join(raw).map(String::from).unwrap_or_else(|_| raw.to_string())
}

fn check(raw: &str, base: &str, rules: &LinkRules) -> Decision {
    let page_host = url::Url::parse(base).unwrap().host_str().unwrap().to_string();
    decide(&resolve(raw, base), &page_host, rules)
}

/// `expected`: a reason code, and for `third-party` the site the dialog names.
fn table(base: &str, rules: &LinkRules, cases: &[(&str, &str, &str)]) -> usize {
    let mut failures = Vec::new();
    for (raw, reason, site) in cases {
        let decision = check(raw, base, rules);
        let shown = match &decision {
            Decision::Ask { site, .. } => site.as_str(),
            _ => "",
        };
        if decision.reason() != *reason || shown != *site {
            failures.push(format!("{raw:?} on {base}: expected {reason} {site:?}, got {decision:?} (resolved {:?})", resolve(raw, base)));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    cases.len()
}

#[test]
fn links_from_a_school_on_sch_uk() {
    let none = LinkRules::default();
    let n = table(SCHOOL, &none, &[
        // The school's own pages, however they are written.
        ("/news/item.html", "same-site", ""),
        ("item.html", "same-site", ""),
        ("#top", "same-site", ""),
        ("?page=2", "same-site", ""),
        ("https://www.oakfield.lancs.sch.uk/contact", "same-site", ""),
        ("https://oakfield.lancs.sch.uk/", "same-site", ""),
        ("https://parents.oakfield.lancs.sch.uk/login", "same-site", ""),
        ("HTTPS://WWW.OAKFIELD.LANCS.SCH.UK/", "same-site", ""),
        ("  https://www.oakfield.lancs.sch.uk/  ", "same-site", ""),
        ("https://www.oakfield.lancs.sch.uk./", "same-site", ""),
        ("https://www.oakfield.lancs.sch.uk:8443/", "same-site", ""),
        ("http://oakfield.lancs.sch.uk/", "same-site", ""),
        ("//www.oakfield.lancs.sch.uk/x", "same-site", ""),
        ("https://www.oakfield.lancs.sch.uk/?utm_source=x", "same-site", ""),
        ("https://evil.example@www.oakfield.lancs.sch.uk/", "same-site", ""),
        ("https:evil.example", "same-site", ""),
        // Another school is another site: *.sch.uk is a wildcard rule.
        ("https://stmarys.lancs.sch.uk/", "third-party", "stmarys.lancs.sch.uk"),
        ("https://www.stmarys.lancs.sch.uk/term-dates", "third-party", "stmarys.lancs.sch.uk"),
        ("https://oakfield.cumbria.sch.uk/", "third-party", "oakfield.cumbria.sch.uk"),
        ("https://lancs.sch.uk/", "third-party", "lancs.sch.uk"),
        ("https://sch.uk/", "third-party", "sch.uk"),
        // UK government, health, police, universities, companies and charities.
        ("https://www.gov.uk/school-term-holidays", "third-party", "www.gov.uk"),
        ("https://www.apply-for-bursary.service.gov.uk/", "third-party", "apply-for-bursary.service.gov.uk"),
        ("https://www.nhs.uk/conditions/", "third-party", "www.nhs.uk"),
        ("https://111.nhs.uk/", "third-party", "111.nhs.uk"),
        ("https://www.lancashire.police.uk/", "third-party", "lancashire.police.uk"),
        ("https://www.ox.ac.uk/admissions", "third-party", "ox.ac.uk"),
        ("https://www.lancaster.ac.uk/", "third-party", "lancaster.ac.uk"),
        ("https://www.bbc.co.uk/bitesize", "third-party", "bbc.co.uk"),
        ("https://bitesize.bbc.co.uk/", "third-party", "bbc.co.uk"),
        ("https://www.nationaltrust.org.uk/visit", "third-party", "nationaltrust.org.uk"),
        ("https://shop.example.ltd.uk/", "third-party", "example.ltd.uk"),
        ("https://www.example.plc.uk/", "third-party", "example.plc.uk"),
        ("https://alice.me.uk/", "third-party", "alice.me.uk"),
        ("https://alice.blogspot.co.uk/", "third-party", "alice.blogspot.co.uk"),
        ("https://www.llyw.cymru/", "third-party", "llyw.cymru"),
        ("https://www.gov.wales/", "third-party", "gov.wales"),
        ("https://www.education.ie/", "third-party", "education.ie"),
        ("https://www.harvard.edu/", "third-party", "harvard.edu"),
        ("https://www.wikipedia.org/", "third-party", "wikipedia.org"),
        ("https://en.wikipedia.org/wiki/Hexham", "third-party", "wikipedia.org"),
        ("https://alice.github.io/project", "third-party", "alice.github.io"),
        ("https://github.io/", "third-party", "github.io"),
        ("https://my-app.web.app/", "third-party", "my-app.web.app"),
        ("https://class-site.netlify.app/", "third-party", "class-site.netlify.app"),
        // Top-level domains Kite has no list for: the host itself, without www.
        ("https://www.youtube.com/watch?v=abc", "third-party", "youtube.com"),
        ("https://m.youtube.com/", "third-party", "m.youtube.com"),
        ("https://github.com/", "third-party", "github.com"),
        ("https://careers.example/", "third-party", "careers.example"),
        ("https://www.example/", "third-party", "www.example"),
        // Where the link really goes, whatever it looks like.
        ("https://www.oakfield.lancs.sch.uk@evil.example/", "third-party", "evil.example"),
        ("https://oakfield.lancs.sch.uk:pass@evil.example:8080/", "third-party", "evil.example"),
        ("https://a@b@evil.example/", "third-party", "evil.example"),
        ("//evil.example/x", "third-party", "evil.example"),
        ("\\\\evil.example/x", "third-party", "evil.example"),
        ("/\\evil.example", "third-party", "evil.example"),
        ("https:/\\evil.example", "third-party", "evil.example"),
        ("http:evil.example", "third-party", "evil.example"),
        ("ht\ttps://evil.example/", "third-party", "evil.example"),
        ("https://evil\n.example/", "third-party", "evil.example"),
        (" \u{1}https://evil.example/", "third-party", "evil.example"),
        ("HTTPS://EVIL.EXAMPLE/", "third-party", "evil.example"),
        ("https://evil.example./", "third-party", "evil.example"),
        ("https://evil.example:8443/", "third-party", "evil.example"),
        ("https://ｅｖｉｌ.example/", "third-party", "evil.example"),
        // The dialog also says plainly that this is not the school's site.
        ("https://www.oakfield.lancs.sch.uk.evil.example/", "third-party", "oakfield.lancs.sch.uk.evil.example"),
        ("https://oakfield.lancs.sch.uk-evil.example/", "third-party", "oakfield.lancs.sch.uk-evil.example"),
        // IP addresses are their own site, in the form the browser will use.
        ("http://127.0.0.1/", "third-party", "127.0.0.1"),
        ("http://0x7f.1/", "third-party", "127.0.0.1"),
        ("http://2130706433/", "third-party", "127.0.0.1"),
        ("http://192.168.1.10:8080/printer", "third-party", "192.168.1.10"),
        ("http://[::1]:8080/", "third-party", "[::1]"),
        ("http://[2001:db8::1]/", "third-party", "[2001:db8::1]"),
        // International names: shown in Unicode only when that cannot pass for another site.
        ("https://münchen.example/", "third-party", "münchen.example"),
        ("https://xn--mnchen-3ya.example/", "third-party", "münchen.example"),
        ("https://p\u{430}ypal.com/", "third-party", "xn--pypal-4ve.com"),
        ("https://\u{430}\u{440}\u{440}\u{4cf}\u{435}.com/", "third-party", "xn--80ak6aa92e.com"),
        ("https://пример.рф/", "third-party", "пример.рф"),
        ("https://日本語.jp/", "third-party", "日本語.jp"),
        ("https://bücher.de/", "third-party", "bücher.de"),
        // Not websites: followed as they are.
        ("mailto:office@oakfield.lancs.sch.uk", "not-a-website", ""),
        ("tel:+441434600000", "not-a-website", ""),
        ("sms:+447700900000", "not-a-website", ""),
        ("javascript:void(0)", "not-a-website", ""),
        // Never followed.
        ("data:text/html,<script>alert(1)</script>", "data", ""),
        ("DATA:text/html;base64,PHNjcmlwdD4=", "data", ""),
        (" data:text/html,hi", "data", ""),
        ("da\nta:text/html,hi", "data", ""),
        ("vbscript:msgbox(1)", "vbscript", ""),
        ("VBScript:msgbox(1)", "vbscript", ""),
        ("ftp://files.example/worksheet.pdf", "third-party", "files.example"),
    ]);
    assert!(n >= 90, "{n} cases");
}

#[test]
fn links_from_schools_and_pages_elsewhere() {
    let none = LinkRules::default();
    let mut n = table("https://www.school.org.uk/", &none, &[
        ("https://school.org.uk/", "same-site", ""),
        ("https://shop.school.org.uk/", "same-site", ""),
        ("https://other.org.uk/", "third-party", "other.org.uk"),
    ]);
    n += table("https://alice.github.io/site/", &none, &[
        ("https://alice.github.io/site/two", "same-site", ""),
        ("https://bob.github.io/", "third-party", "bob.github.io"),
        ("https://github.io/", "third-party", "github.io"),
    ]);
    n += table("https://www.example.com/", &none, &[
        ("https://example.com/", "same-site", ""),
        ("https://www.example.com/about", "same-site", ""),
        ("https://shop.example.com/", "third-party", "shop.example.com"),
    ]);
    n += table("http://127.0.0.1:8080/", &none, &[
        ("http://127.0.0.1:9000/", "same-site", ""),
        ("http://localhost:8080/", "third-party", "localhost"),
    ]);
    n += table("https://alice.blogspot.co.uk/", &none, &[("https://bob.blogspot.co.uk/", "third-party", "bob.blogspot.co.uk")]);
    assert_eq!(n, 12);
}

#[test]
fn the_config_names_the_schools_own_hosts_and_trusted_sites() {
    let rules = LinkRules {
        own_hosts: vec!["oakfield.learning-platform.example".into()],
        trusted: vec!["bbc.co.uk".into(), ".nhs.uk".into(), "www.nationalgallery.org.uk.".into()],
        ..LinkRules::default()
    };
    table(SCHOOL, &rules, &[
        ("https://oakfield.learning-platform.example/login", "own-host", ""),
        ("https://app.oakfield.learning-platform.example/", "own-host", ""),
        ("https://evil-oakfield.learning-platform.example/", "third-party", "evil-oakfield.learning-platform.example"),
        ("https://learning-platform.example/", "third-party", "learning-platform.example"),
        ("https://www.bbc.co.uk/bitesize", "trusted", ""),
        ("https://bbc.co.uk/", "trusted", ""),
        ("https://bbc.co.uk.evil.example/", "third-party", "bbc.co.uk.evil.example"),
        ("https://notbbc.co.uk/", "third-party", "notbbc.co.uk"),
        ("https://www.nhs.uk/", "trusted", ""),
        ("https://www.nationalgallery.org.uk/", "trusted", ""),
        ("https://nationalgallery.org.uk/", "third-party", "nationalgallery.org.uk"),
    ]);
}

#[test]
fn continue_goes_to_the_link_without_tracking_parameters() {
    let rules = LinkRules { strip: vec!["ref".into(), "pk_*".into()], ..LinkRules::default() };
    let cases = [
        ("https://museum.example/visit?utm_source=school&id=4&utm_campaign=x", "https://museum.example/visit?id=4"),
        ("https://museum.example/?gclid=1&fbclid=2&msclkid=3&mc_eid=4&yclid=5&igshid=6&_ga=7", "https://museum.example/"),
        ("https://museum.example/?fbclid=1#tickets", "https://museum.example/#tickets"),
        ("https://museum.example/?UTM_Source=x&q=dinosaurs", "https://museum.example/?q=dinosaurs"),
        ("https://museum.example/?utm=keep&utmost=keep", "https://museum.example/?utm=keep&utmost=keep"),
        ("https://museum.example/?ref=school&pk_campaign=x&pkg=keep", "https://museum.example/?pkg=keep"),
        ("https://museum.example/a?b=1&&c=2", "https://museum.example/a?b=1&c=2"),
        ("https://museum.example/a#?utm_source=in-fragment", "https://museum.example/a#?utm_source=in-fragment"),
        ("https://museum.example/plain", "https://museum.example/plain"),
    ];
    for (raw, expected) in cases {
        match check(raw, SCHOOL, &rules) {
            Decision::Ask { url, .. } => assert_eq!(url, expected, "{raw}"),
            other => panic!("{raw}: {other:?}"),
        }
    }
    assert_eq!(without_tracking("https://a.example/?utm_source=x", &[]), "https://a.example/");
}

#[test]
fn registrable_domains_follow_the_public_suffix_list() {
    let cases = [
        ("oakfield.lancs.sch.uk", Some("oakfield.lancs.sch.uk")),
        ("www.oakfield.lancs.sch.uk", Some("oakfield.lancs.sch.uk")),
        ("lancs.sch.uk", None),
        ("sch.uk", Some("sch.uk")), // only *.sch.uk is listed, so sch.uk itself is registrable
        ("www.gov.uk", Some("www.gov.uk")),
        ("gov.uk", None),
        ("a.b.service.gov.uk", Some("b.service.gov.uk")),
        ("www.nhs.uk", Some("www.nhs.uk")),
        ("www.ox.ac.uk", Some("ox.ac.uk")),
        ("www.bbc.co.uk", Some("bbc.co.uk")),
        ("co.uk", None),
        ("uk", None),
        ("alice.github.io", Some("alice.github.io")),
        ("www.alice.github.io", Some("alice.github.io")),
        ("github.io", None),
        ("www.school.org.uk", Some("school.org.uk")),
        ("www.youtube.com", None),
        ("localhost", None),
    ];
    for (host, expected) in cases {
        assert_eq!(registrable_domain(host), expected, "{host}");
    }
}

#[test]
fn site_names_are_shown_honestly() {
    assert_eq!(display("xn--mnchen-3ya.example"), "münchen.example");
    assert_eq!(display("xn--pypal-4ve.com"), "xn--pypal-4ve.com", "Cyrillic а inside a Latin name");
    assert_eq!(display("xn--80ak6aa92e.com"), "xn--80ak6aa92e.com", "all-Cyrillic look-alike of apple.com");
    assert_eq!(display("xn--e1afmkfd.xn--p1ai"), "пример.рф");
    assert_eq!(display("xn--not-valid-\u{0}"), "xn--not-valid-\u{0}", "undecodable stays as it is");
    assert_eq!(display("bbc.co.uk"), "bbc.co.uk");
}

#[test]
fn an_unreadable_address_is_refused() {
    assert_eq!(decide("no scheme here", "school.sch.uk", &LinkRules::default()), Decision::Refuse(Refusal::Unreadable));
    assert_eq!(decide("https:///path-only", "school.sch.uk", &LinkRules::default()), Decision::Refuse(Refusal::Unreadable));
    assert_eq!(decide("about:blank", "school.sch.uk", &LinkRules::default()), Decision::Go(Pass::NotAWebsite));
}

#[test]
fn dont_ask_again_lasts_for_the_day_it_was_chosen() {
    let mut skips = Skips::read("", "2026-11-23");
    assert!(!skips.contains("museum.example"));
    skips.add("museum.example");
    skips.add("museum.example");
    skips.add("bbc.co.uk");
    assert_eq!(skips.encode(), "2026-11-23 museum.example bbc.co.uk", "each site once");
    let stored = skips.encode();
    let same_day = Skips::read(&stored, "2026-11-23");
    assert!(same_day.contains("museum.example") && same_day.contains("bbc.co.uk"));
    assert!(!same_day.contains("example"), "a whole site, never part of one");
    let next_day = Skips::read(&stored, "2026-11-24");
    assert!(!next_day.contains("museum.example"), "a session left open past midnight asks again");
    assert_eq!(next_day.encode(), "2026-11-24");
    assert!(!Skips::read("garbage", "2026-11-23").contains("garbage"));
}
