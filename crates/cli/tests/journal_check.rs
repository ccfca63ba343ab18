//! `ventanilla journal check` says whether a counter's journal is whole, beside the counter and
//! without changing anything, in the words the counter itself would use.

mod common;

use common::{counter, sandbox};

const DTV_BARCODE: &str = "05700861082790003832152882102060000027480005";

#[test]
fn a_whole_journal_passes_and_a_lost_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox(&dir.path().join("hub.json"), &[]);
    let data = dir.path().join("counter");
    let paid = counter(&sb, &data, &["pay", DTV_BARCODE, "--received", "3000"])
        .output()
        .unwrap();
    assert!(paid.status.success(), "{paid:?}");

    let ok = counter(&sb, &data, &["journal", "check"]).output().unwrap();
    let out = String::from_utf8_lossy(&ok.stdout);
    assert!(ok.status.success(), "{ok:?}");
    assert!(out.starts_with("journal ok:"), "{out}");

    // A journal whose last record was removed no longer matches the sale it describes.
    let raw = rusqlite::Connection::open(data.join("journal.sqlite")).unwrap();
    raw.execute(
        "DELETE FROM chain WHERE seq = (SELECT MAX(seq) FROM chain)",
        [],
    )
    .unwrap();
    drop(raw);
    let bad = counter(&sb, &data, &["journal", "check"]).output().unwrap();
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(!bad.status.success());
    assert!(err.contains("no es el que se registró"), "{err}");

    std::fs::remove_file(data.join("journal.sqlite")).unwrap();
    let _ = std::fs::remove_file(data.join("journal.sqlite-wal"));
    let gone = counter(&sb, &data, &["journal", "check"]).output().unwrap();
    let err = String::from_utf8_lossy(&gone.stderr);
    assert!(!gone.status.success());
    assert!(err.contains("Falta el diario"), "{err}");
    assert!(
        !data.join("journal.sqlite").exists(),
        "the check created nothing"
    );
}
