//! The workspace's structure rules, checked on the real tree. See the crate docs for why.

use std::path::Path;
use std::sync::OnceLock;

use ventanilla_structure::{check, CyclesReport, Findings, LongFilesReport, MAX_LINES};

/// Both tests read the same tree; reading it once keeps the suite well under a second.
fn findings() -> &'static Findings {
    static FINDINGS: OnceLock<Findings> = OnceLock::new();
    FINDINGS.get_or_init(|| {
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        check(&workspace).expect("the workspace's sources are readable")
    })
}

#[test]
fn no_source_files_import_each_other_around_a_circle() {
    let found = findings();
    assert!(found.cycles.is_empty(), "\n{}", CyclesReport(&found.cycles));
}

#[test]
fn no_source_file_outgrows_one_job() {
    let found = findings();
    assert!(
        found.long_files.is_empty(),
        "\n{}",
        LongFilesReport(&found.long_files, MAX_LINES)
    );
}
