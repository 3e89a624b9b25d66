//! The first run: due on a new database only, its first step checked field by field and saved in one
//! transaction (office name, the current term renamed and dated, this laptop's user), done once.

use crate::common::{count, open};
use liaison_core::setup::types::SetupInput;
use liaison_core::Error;

fn input() -> SetupInput {
    SetupInput {
        office_name: "政协滨江区委员会联络办公室".into(),
        term_name: "第十六届".into(),
        term_start_year: 2027,
        term_end_year: 2032,
        operator: "王秘书".into(),
    }
}

#[test]
fn a_new_database_is_set_up_once_and_a_bad_first_step_changes_nothing() {
    let (_d, mut db) = open();
    let st = db.setup_state().unwrap();
    assert!(st.needed);
    // The defaults the wizard starts from: the seeded term.
    assert_eq!(st.input.term_name, "第十五届");

    let audits = count(&db, "SELECT COUNT(*) FROM audit_log");
    let bad = SetupInput { office_name: " ".into(), operator: String::new(), term_end_year: 2020, ..input() };
    match db.save_setup(bad) {
        Err(Error::Validation(list)) => {
            let fields: Vec<&str> = list.iter().map(|f| f.field.as_str()).collect();
            assert!(
                fields.contains(&"office_name") && fields.contains(&"operator") && fields.contains(&"term_end_year"),
                "{list:?}"
            );
            assert!(
                list.iter().any(|f| f.message.contains("标题")),
                "the office name says where it is printed: {list:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(count(&db, "SELECT COUNT(*) FROM audit_log"), audits, "nothing written");
    assert_eq!(db.app_info().unwrap().office_name, "政协联络办公室");

    let info = db.save_setup(input()).unwrap();
    assert_eq!(info.office_name, "政协滨江区委员会联络办公室");
    let term = info.current_term.unwrap();
    assert_eq!((term.name.as_str(), term.start_year, term.end_year), ("第十六届", 2027, 2032));
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM terms WHERE deleted_at IS NULL"),
        1,
        "the seeded term renamed, not a second"
    );
    assert_eq!(db.operator().unwrap().as_deref(), Some("王秘书"));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM audit_log"), audits + 3, "office name, term, operator");
    // Saved but not finished: the wizard comes back with these values.
    let st = db.setup_state().unwrap();
    assert!(st.needed);
    assert_eq!(st.input, input());

    db.complete_setup().unwrap();
    assert!(!db.setup_state().unwrap().needed);
}

#[test]
fn a_database_with_members_never_shows_the_wizard() {
    let (_d, mut db) = open();
    db.load_demo(5, None).unwrap();
    assert!(!db.setup_state().unwrap().needed);
}
