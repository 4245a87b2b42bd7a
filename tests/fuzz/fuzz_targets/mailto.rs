#![no_main]

#[path = "../../common/properties.rs"]
mod props;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\n');
    props::mailto(parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
});
