#![no_main]

#[path = "../../common/properties.rs"]
mod props;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    props::mark(&String::from_utf8_lossy(data));
});
