#![no_main]

#[path = "../../common/properties.rs"]
mod props;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    props::config_tree(&props::config_from_bytes(data));
});
