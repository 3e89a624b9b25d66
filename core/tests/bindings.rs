//! Fails when ui/src/bindings.ts is not what the Rust types generate.

#[test]
fn typescript_bindings_are_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
    let want = liaison_core::bindings::typescript();
    if std::env::var("UPDATE_BINDINGS").is_ok() {
        std::fs::write(&path, &want).expect("write bindings");
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "ui/src/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p liaison-core --test bindings` and commit it"
    );
}
