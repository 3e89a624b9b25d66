//! The exchange file reader on arbitrary bytes: header, format, identities, checksum, and the
//! changeset iterated without being applied. Files come by USB stick or chat app from other laptops:
//! whatever they hold, the reader answers with a Chinese refusal, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = liaison_core::exchange::inspect_bytes(data);
});
