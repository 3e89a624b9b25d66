//! What keeps one office's file safe from the app itself: one window per database, file names made
//! safe, exports written whole or not at all.

use liaison_core::db::InstanceLock;

#[test]
fn a_second_window_on_the_same_database_is_refused_until_the_first_closes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("office").join("liaison.db");
    let first = InstanceLock::acquire(&path).unwrap();
    let err = InstanceLock::acquire(&path).unwrap_err().to_string();
    assert!(err.contains("已经在另一个窗口打开") && err.contains("liaison.db"), "{err}");
    // Another database is another matter.
    let other = InstanceLock::acquire(&dir.path().join("other.db")).unwrap();
    drop(first);
    InstanceLock::acquire(&path).expect("free again once the first window is gone");
    drop(other);
}
