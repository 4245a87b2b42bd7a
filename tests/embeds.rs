//! Embeds: who provides one, the privacy-enhanced address it loads from, and what its
//! placeholder says and offers.

use kite::policy::age::AgeBand;
use kite::policy::config::Config;
use kite::policy::embeds::{private_src, provider};
use kite::policy::json::Json;
use kite::policy::locale::Lang;
use kite::policy::marker::Marker;
use kite::policy::view::{embed, Action, Words};

#[test]
fn providers_are_known_by_their_address() {
    let cases = [
        ("https://www.youtube.com/embed/abc123", Some("YouTube")),
        ("https://www.youtube-nocookie.com/embed/abc123", Some("YouTube")),
        ("https://youtu.be/abc123", Some("YouTube")),
        ("https://player.vimeo.com/video/76979871", Some("Vimeo")),
        ("https://www.google.com/maps/embed?pb=!1m18", Some("Google Maps")),
        ("https://maps.google.com/maps?q=Oakfield", Some("Google Maps")),
        ("https://docs.google.com/forms/d/e/1FAIpQL/viewform?embedded=true", Some("Google Forms")),
        ("https://docs.google.com/presentation/d/1abc/embed", Some("Google Slides")),
        ("https://padlet.com/oakfield/year6", Some("Padlet")),
        ("https://oakfield.padlet.org/wall/1", Some("Padlet")),
        ("https://forms.office.com/r/abc", Some("Microsoft Forms")),
        ("https://www.google.com/search?q=maps", None),
        ("https://docs.google.com/document/d/1abc", None),
        ("https://youtube.com.evil.example/embed/x", None),
        ("https://evil.example/?u=https://www.youtube.com/embed/x", None),
        ("https://museum.example/tour", None),
    ];
    for (src, name) in cases {
        assert_eq!(provider(src).map(|p| p.name), name, "{src}");
    }
}

#[test]
fn youtube_loads_from_youtube_nocookie_and_vimeo_with_do_not_track() {
    let cases = [
        ("https://www.youtube.com/embed/abc123?start=30", "https://www.youtube-nocookie.com/embed/abc123?start=30"),
        ("https://youtube.com/embed/abc123", "https://www.youtube-nocookie.com/embed/abc123"),
        ("https://m.youtube.com/embed/abc123#t=1", "https://www.youtube-nocookie.com/embed/abc123#t=1"),
        ("https://www.youtube-nocookie.com/embed/abc123", "https://www.youtube-nocookie.com/embed/abc123"),
        ("https://www.youtube.com/watch?v=abc123", "https://www.youtube.com/watch?v=abc123"),
        ("https://player.vimeo.com/video/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://player.vimeo.com/video/76979871?h=9f&dnt=0#t=5", "https://player.vimeo.com/video/76979871?h=9f&dnt=1#t=5"),
        ("https://museum.example/tour?x=1", "https://museum.example/tour?x=1"),
        ("https://evil.example/www.youtube.com/embed/x", "https://evil.example/www.youtube.com/embed/x"),
    ];
    for (src, expected) in cases {
        assert_eq!(private_src(src), expected, "{src}");
    }
}

fn config(audience: &str) -> Config {
    let text = format!(
        r#"{{ "audience": "{audience}", "purposes": [
            {{ "name": "functional", "services": [
                {{ "name": "video", "label": {{ "en-GB": "Open evening video", "cy": "Fideo noson agored" }}, "description": "Plays the open evening film." }},
                {{ "name": "youtube" }} ] }} ] }}"#
    );
    let (config, errors) = Config::from_json(&Json::parse(&text).unwrap());
    assert!(errors.is_empty(), "{errors:?}");
    config
}

fn buttons(panel: &kite::policy::view::Panel) -> Vec<(&str, Action, &str)> {
    panel.buttons.iter().map(|b| (b.code, b.action, b.label.as_str())).collect()
}

#[test]
fn the_placeholder_names_the_provider_says_what_it_may_collect_and_offers_once_or_always() {
    let config = config("sixth-form");
    let words = Words::new(&config, Lang::EnGb, AgeBand::From16To17);
    let youtube = Marker::parse("functional/youtube", &config).unwrap();
    let panel = embed(&words, &config, &youtube, "https://www.youtube.com/embed/abc", 7, true);
    assert_eq!(panel.title, "This comes from YouTube");
    assert!(panel.text.contains("what you watch"), "{}", panel.text);
    assert_eq!(buttons(&panel), [("once", Action::LoadOnce(7), "Load this once"), ("always", Action::AllowAlways(7), "Always allow YouTube")]);
    assert!(!panel.dialog && !panel.modal && panel.focus.is_none(), "a placeholder never takes focus or traps it");
    assert_eq!(panel.note, None);

    let video = Marker::parse("functional/video", &config).unwrap();
    let panel = embed(&words, &config, &video, "https://video.example/embed/1", 1, true);
    assert_eq!(panel.title, "This comes from Open evening video", "the school's own label wins");
    assert_eq!(panel.text, "Plays the open evening film.");

    let welsh = Words::new(&config, Lang::Cy, AgeBand::From16To17);
    let panel = embed(&welsh, &config, &video, "https://video.example/embed/1", 1, true);
    assert_eq!(buttons(&panel)[1].2, "Caniatáu Fideo noson agored bob tro");

    let unknown = Marker::parse("functional", &config).unwrap();
    let panel = embed(&words, &config, &unknown, "https://www.museum.example/tour", 2, true);
    assert_eq!(panel.title, "This comes from museum.example", "an unknown provider is named by its site");
    assert!(panel.text.starts_with("museum.example may record"), "{}", panel.text);
}

#[test]
fn on_a_primary_site_a_child_can_load_an_embed_once_but_only_an_adult_can_always_allow_it() {
    let config = config("primary");
    let words = Words::new(&config, Lang::EnGb, AgeBand::From6To9);
    let youtube = Marker::parse("functional/youtube", &config).unwrap();
    let panel = embed(&words, &config, &youtube, "https://www.youtube.com/embed/abc", 3, false);
    assert_eq!(buttons(&panel), [("once", Action::LoadOnce(3), "Load this once")]);
    assert!(panel.note.as_deref().is_some_and(|n| n.contains("adult")), "{:?}", panel.note);
    assert_eq!(panel.title, "This is from YouTube");
}
