#![no_main]

#[path = "../../common/properties.rs"]
mod props;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    props::link(&String::from_utf8_lossy(data), data.first().map_or(0, |&p| usize::from(p)));
});
