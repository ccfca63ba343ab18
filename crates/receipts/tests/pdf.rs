//! Renders receipts, writes them to disk and reads them back with poppler's real `pdftotext`
//! and `pdfinfo`, as a person copying text out of the PDF would see it.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ventanilla_receipts::{
    render_pdf, render_text, write_pdf, ReceiptDocument, ReceiptError, COLUMNS, MAX_LINES,
};

/// The marks as a Spanish-speaking counter words them: the crate prints whatever it is given.
const COPY_MARK: &str = "DUPLICADO - COPIA";
const SANDBOX_MARK: &str = "MODO PRUEBA - SIN VALOR FISCAL";

/// A DIRECT TV payment as the hub returns it: 31 columns, "\r\n" line ends.
const HUB_BODY: &str = "\
          DIRECT TV            \r\n\
   COMPROBANTE DE PAGO         \r\n\
-------------------------------\r\n\
Cliente:          JUAN PÉREZ   \r\n\
Nº de cuenta:     00123456789  \r\n\
Período:          05/2025      \r\n\
Vencimiento:      10/06/2025   \r\n\
-------------------------------\r\n\
Importe pagado:    $ 2.748,00  \r\n\
-------------------------------\r\n\
¡Gracias por su pago!          \r\n\
¿Dudas? Llame al 0810-333-3476 \r\n\
Conserve este comprobante.     \r\n\
Código: ÑANDÚ-ÜBER-ÁÉÍÓÚ       \r\n";

/// 2026-03-14 15:09:26 UTC (`date -u -d @1773500966`).
fn sale_time() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_773_500_966)
}

fn receipt(copy: bool, sandbox: bool) -> ReceiptDocument {
    ReceiptDocument {
        title: "Comprobante - Ventanilla — Cobro de servicios".into(),
        business_name: "Ventanilla — Cobro de servicios".into(),
        header: vec![
            ("Caja".into(), "03".into()),
            ("Cajero".into(), "María Núñez".into()),
            ("Fecha".into(), "24/05/2025 10:31".into()),
            ("Medio de pago".into(), "Efectivo".into()),
            ("Importe".into(), "$ 2.748,00".into()),
            ("Recibido".into(), "$ 3.000,00".into()),
            ("Vuelto".into(), "$ 252,00".into()),
        ],
        body: HUB_BODY.into(),
        footer: vec!["Operación 743698523".into()],
        training_mark: sandbox.then(|| SANDBOX_MARK.to_string()),
        copy_mark: copy.then(|| COPY_MARK.to_string()),
        issued_at: sale_time(),
    }
}

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        // Dates print in this zone; UTC makes them the same on every machine.
        .env("TZ", "UTC")
        .output()
        .unwrap_or_else(|e| panic!("{tool} must be installed (poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("poppler prints UTF-8")
}

fn pdftotext(path: &Path) -> String {
    run("pdftotext", &["-layout", path.to_str().unwrap(), "-"])
}

/// (pages, width pt, height pt) from `pdfinfo`.
fn pdfinfo(path: &Path) -> (u32, String, String) {
    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .unwrap_or_else(|| panic!("no {name} in pdfinfo output:\n{info}"))
            .trim()
            .to_string()
    };
    let pages = field("Pages:").parse().unwrap();
    // "Page size:      226.772 x 643 pts"
    let size = field("Page size:");
    let mut parts = size.split_whitespace();
    let width = parts.next().unwrap().to_string();
    assert_eq!(parts.next(), Some("x"), "{size}");
    let height = parts.next().unwrap().to_string();
    (pages, width, height)
}

/// Points as written by pdfinfo ("226.772") to hundredths of a point, no floats.
fn centipoints(s: &str) -> i64 {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let frac: String = frac.chars().chain("00".chars()).take(2).collect();
    int.parse::<i64>().unwrap() * 100 + frac.parse::<i64>().unwrap()
}

/// `s` with every run of whitespace made one space: pdftotext -layout rebuilds spacing from
/// glyph positions and does not keep the exact number of spaces.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One word as placed on the page by `pdftotext -bbox`, coordinates in hundredths of a point.
#[derive(Debug)]
struct Word {
    text: String,
    x_min: i64,
    x_max: i64,
    y_min: i64,
}

fn words(path: &Path) -> Vec<Word> {
    let html = run("pdftotext", &["-bbox", path.to_str().unwrap(), "-"]);
    let attr = |tag: &str, name: &str| {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let end = start + tag[start..].find('"').unwrap();
        centipoints(&tag[start..end])
    };
    html.lines()
        .filter_map(|l| l.trim().strip_prefix("<word "))
        .map(|l| {
            let (tag, rest) = l.split_once('>').unwrap();
            let text = rest.strip_suffix("</word>").unwrap();
            let text = text
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">");
            Word {
                text,
                x_min: attr(tag, "xMin"),
                x_max: attr(tag, "xMax"),
                y_min: attr(tag, "yMin"),
            }
        })
        .collect()
}

fn word<'a>(words: &'a [Word], text: &str) -> &'a Word {
    words
        .iter()
        .find(|w| w.text == text)
        .unwrap_or_else(|| panic!("no word {text:?} in {words:?}"))
}

fn close(a: i64, b: i64) -> bool {
    (a - b).abs() <= 5
}

fn written(doc: &ReceiptDocument) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recibo.pdf");
    write_pdf(doc, &path).unwrap();
    (dir, path)
}

#[test]
fn a_receipt_reads_back_with_pdftotext() {
    let (_dir, path) = written(&receipt(false, false));
    let text = pdftotext(&path);

    let squashed = squash(&text);
    for expected in [
        "DIRECT TV",
        "$ 2.748,00",
        "$ 3.000,00",
        "$ 252,00",
        "Ventanilla — Cobro de servicios",
        "Caja:",
        "Cajero:",
        "Fecha:",
        "Medio de pago:",
        "Importe:",
        "Recibido:",
        "Vuelto:",
        "María Núñez",
        "JUAN PÉREZ",
        "Nº de cuenta:",
        "Período:",
        "¡Gracias por su pago!",
        "¿Dudas? Llame al 0810-333-3476",
        "Código: ÑANDÚ-ÜBER-ÁÉÍÓÚ",
        "Operación 743698523",
    ] {
        assert!(
            squashed.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert!(!text.contains("COPIA"), "not a copy:\n{text}");
    assert!(!text.contains("DUPLICADO"), "not a copy:\n{text}");
    assert!(!text.contains("MODO PRUEBA"), "not sandbox:\n{text}");
    // Only the one in "¿Dudas?": no character fell back to '?'.
    assert_eq!(
        text.matches('?').count(),
        1,
        "a character was lost:\n{text}"
    );
}

#[test]
fn header_values_line_up_at_the_right() {
    let (_dir, path) = written(&receipt(false, false));
    let words = words(&path);
    let right = word(&words, "03").x_max;
    for value in [
        "Núñez", "10:31", "Efectivo", "2.748,00", "3.000,00", "252,00",
    ] {
        assert!(
            close(word(&words, value).x_max, right),
            "{value} ends at the same x"
        );
    }
    let left = word(&words, "Caja:").x_min;
    for label in [
        "Cajero:",
        "Fecha:",
        "Medio",
        "Importe:",
        "Recibido:",
        "Vuelto:",
    ] {
        assert!(
            close(word(&words, label).x_min, left),
            "{label} starts at the same x"
        );
    }
    // Inside the 80 mm page (226.77 pt) with a margin of at least 3.5 mm (9.92 pt).
    assert!(left >= 992 && right <= 22677 - 992, "{left}..{right}");
}

#[test]
fn the_body_keeps_its_columns() {
    let (_dir, path) = written(&receipt(false, false));
    let words = words(&path);
    // In the hub's text these values start in the same column, and so the labels.
    let values = ["JUAN", "00123456789", "05/2025", "10/06/2025"];
    let x = word(&words, values[0]).x_min;
    for v in values {
        assert!(
            close(word(&words, v).x_min, x),
            "{v} starts where JUAN does"
        );
    }
    let labels = [
        "Cliente:",
        "Período:",
        "Vencimiento:",
        "¡Gracias",
        "¿Dudas?",
    ];
    let x = word(&words, labels[0]).x_min;
    for l in labels {
        assert!(
            close(word(&words, l).x_min, x),
            "{l} starts where Cliente: does"
        );
    }
    // The 31-column block is centred: as much paper left of it as right of it.
    let rule = words
        .iter()
        .find(|w| w.text == "-".repeat(31))
        .expect("the body's own rule");
    // Indents are whole columns: off centre by one column (4.8 pt) at most.
    assert!((rule.x_min - (22677 - rule.x_max)).abs() <= 490, "{rule:?}");
}

#[test]
fn page_is_80_mm_wide_and_one_page() {
    let (_dir, path) = written(&receipt(true, true));
    let (pages, width, height) = pdfinfo(&path);
    assert_eq!(pages, 1);
    assert_eq!(centipoints(&width), 22677, "80 mm = 226.77 pt, got {width}");
    assert!(centipoints(&height) > 30_000, "height {height}");
}

/// `Name:` lines of `pdfinfo -isodates`, e.g. "CreationDate:   2026-03-14T15:09:26+00".
fn pdfinfo_field(path: &Path, name: &str) -> String {
    let info = run("pdfinfo", &["-isodates", path.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
        .unwrap_or_else(|| panic!("no {name} in pdfinfo output:\n{info}"))
        .trim()
        .to_string()
}

#[test]
fn the_pdf_is_dated_when_the_sale_was_made() {
    for copy in [false, true] {
        let (_dir, path) = written(&receipt(copy, false));
        for field in ["CreationDate", "ModDate"] {
            let date = pdfinfo_field(&path, field);
            assert!(
                date.starts_with("2026-03-14T15:09:26"),
                "{field} is the sale's time (copy: {copy}): {date}"
            );
            assert!(!date.contains("1970"), "{field}: {date}");
        }
    }

    // Another sale, another date: it comes from the sale, not from a constant.
    let mut doc = receipt(false, false);
    doc.issued_at = sale_time() + Duration::from_secs(2 * 86_400 + 3_600);
    let (_dir, path) = written(&doc);
    let date = pdfinfo_field(&path, "CreationDate");
    assert!(date.starts_with("2026-03-16T16:09:26"), "{date}");
}

#[test]
fn copy_mark_only_on_a_copy() {
    let (_dir, path) = written(&receipt(true, false));
    let text = pdftotext(&path);
    assert_eq!(
        text.matches(COPY_MARK).count(),
        2,
        "top and bottom:\n{text}"
    );
    assert!(!text.contains("MODO PRUEBA"), "{text}");
    // Top and bottom: before the business name and after the operation number.
    let first = text.find(COPY_MARK).unwrap();
    let last = text.rfind(COPY_MARK).unwrap();
    assert!(first < text.find("Ventanilla").unwrap(), "{text}");
    assert!(last > text.find("Operación 743698523").unwrap(), "{text}");
    // Printed larger than the receipt's text, and centred.
    let words = words(&path);
    let mark = word(&words, "DUPLICADO");
    let name = word(&words, "Ventanilla");
    assert!(mark.y_min < name.y_min, "the first mark is above the name");
    let glyph = |w: &Word| (w.x_max - w.x_min) / w.text.chars().count() as i64;
    assert!(glyph(mark) > glyph(name), "{mark:?} vs {name:?}");
    let copia = word(&words, "COPIA");
    assert!(((mark.x_min + copia.x_max) / 2 - 22677 / 2).abs() <= 100);
}

#[test]
fn sandbox_mark_only_in_sandbox() {
    let (_dir, path) = written(&receipt(false, true));
    let text = pdftotext(&path);
    assert_eq!(
        text.matches(SANDBOX_MARK).count(),
        2,
        "top and bottom:\n{text}"
    );
    assert!(!text.contains("COPIA"), "{text}");

    let (_dir, path) = written(&receipt(true, true));
    let text = pdftotext(&path);
    assert_eq!(text.matches(SANDBOX_MARK).count(), 2, "{text}");
    assert_eq!(text.matches(COPY_MARK).count(), 2, "{text}");
    // The training mark comes first, at the top and at the bottom alike.
    let (top, bottom) = text.split_at(text.find("Ventanilla").unwrap());
    for half in [top, bottom] {
        assert!(
            half.find(SANDBOX_MARK).unwrap() < half.find(COPY_MARK).unwrap(),
            "{text}"
        );
    }
}

#[test]
fn the_marks_and_the_title_are_the_caller_s_words() {
    let mut doc = receipt(true, true);
    doc.title = "Receipt - Ventanilla".into();
    // Longer than the marks' 30 columns: it wraps instead of running off the paper.
    doc.training_mark = Some("TRAINING MODE - NOT A FISCAL RECEIPT".into());
    doc.copy_mark = Some("DUPLICATE - COPY".into());
    for line in render_text(&doc).lines() {
        assert!(line.chars().count() <= COLUMNS, "{line:?}");
    }
    let (_dir, path) = written(&doc);
    assert_eq!(pdfinfo_field(&path, "Title"), "Receipt - Ventanilla");
    let text = pdftotext(&path);
    let squashed = squash(&text);
    assert_eq!(
        squashed
            .matches("TRAINING MODE - NOT A FISCAL RECEIPT")
            .count(),
        2,
        "{text}"
    );
    assert_eq!(squashed.matches("DUPLICATE - COPY").count(), 2, "{text}");
    for spanish in ["DUPLICADO", "COPIA", "MODO PRUEBA", "Comprobante"] {
        assert!(!text.contains(spanish), "{spanish} in:\n{text}");
    }
    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(!info.contains("Comprobante"), "{info}");

    // The Spanish document keeps its Spanish title.
    let (_dir, path) = written(&receipt(false, false));
    assert_eq!(
        pdfinfo_field(&path, "Title"),
        "Comprobante - Ventanilla — Cobro de servicios"
    );
}

#[test]
fn a_500_line_body_is_one_tall_page() {
    let mut doc = receipt(false, false);
    doc.body = (1..=500)
        .map(|i| format!("Línea {i:03}  Año  ${i:>6},00"))
        .collect::<Vec<_>>()
        .join("\r\n");
    let (_dir, path) = written(&doc);
    let (pages, width, height) = pdfinfo(&path);
    assert_eq!(pages, 1);
    assert_eq!(centipoints(&width), 22677);
    // 500 lines of 10 pt.
    assert!(centipoints(&height) > 500_000, "height {height}");
    let text = squash(&pdftotext(&path));
    for i in [1, 250, 500] {
        let line = squash(&format!("Línea {i:03}  Año  ${i:>6},00"));
        assert!(text.contains(&line), "{line:?} missing");
    }
    assert!(text.contains("Operación 743698523"));
    // In order, top to bottom.
    let at = |n: &str| text.find(n).unwrap();
    assert!(at("Línea 001") < at("Línea 250") && at("Línea 250") < at("Línea 500"));
    assert!(at("Línea 500") < at("Operación 743698523"));
}

#[test]
fn empty_body_and_empty_document_render() {
    let mut doc = receipt(false, false);
    doc.body = String::new();
    let (_dir, path) = written(&doc);
    let text = pdftotext(&path);
    assert!(text.contains("$ 2.748,00"), "{text}");
    assert!(text.contains("Operación 743698523"), "{text}");

    let empty = ReceiptDocument {
        title: String::new(),
        business_name: String::new(),
        header: Vec::new(),
        body: String::new(),
        footer: Vec::new(),
        training_mark: None,
        copy_mark: None,
        issued_at: sale_time(),
    };
    let (_dir, path) = written(&empty);
    let (pages, width, _) = pdfinfo(&path);
    assert_eq!((pages, centipoints(&width)), (1, 22677));
}

#[test]
fn long_lines_wrap_instead_of_running_off_the_paper() {
    let mut doc = receipt(false, false);
    let long_word = "ABCDEFGHIJ".repeat(9); // 90 columns, no spaces
    doc.body = format!("{long_word}\r\ncorto");
    doc.business_name = "Cooperativa de Provisión de Servicios Públicos y Vivienda Ltda.".into();
    doc.footer
        .push("Consulte el estado de su pago en la boca de cobro más cercana".into());

    for line in render_text(&doc).lines() {
        assert!(line.chars().count() <= COLUMNS, "{line:?}");
    }

    let (_dir, path) = written(&doc);
    let text = pdftotext(&path);
    let joined: String = text.split_whitespace().collect();
    assert!(
        joined.contains(&long_word),
        "the wrapped word is all there:\n{text}"
    );
    assert!(text.contains("Cooperativa de Provisión"), "{text}");
    assert!(text.contains("Vivienda Ltda."), "{text}");
    assert!(text.contains("más cercana"), "{text}");
    for line in text.lines() {
        assert!(line.trim_end().chars().count() <= COLUMNS + 2, "{line:?}");
    }
}

#[test]
fn text_rendering_is_the_same_receipt() {
    let doc = receipt(true, true);
    let text = render_text(&doc);
    for line in text.lines() {
        assert!(line.chars().count() <= COLUMNS, "{line:?}");
    }
    assert!(text.contains(SANDBOX_MARK));
    assert!(text.contains(COPY_MARK));
    assert!(text.contains("\nImporte:                        $ 2.748,00\n"));
    assert!(text.contains("Operación 743698523"));
    // Every line of the text also comes out of the PDF, in the same order.
    let (_dir, path) = written(&doc);
    let pdf: Vec<String> = pdftotext(&path)
        .lines()
        .map(squash)
        .filter(|l| !l.is_empty())
        .collect();
    let txt: Vec<String> = text.lines().map(squash).filter(|l| !l.is_empty()).collect();
    assert_eq!(pdf, txt);
    let plain = render_text(&receipt(false, false));
    assert!(!plain.contains("COPIA") && !plain.contains("MODO PRUEBA"));
}

#[test]
fn write_is_atomic_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recibo.pdf");
    std::fs::write(&path, b"old").unwrap();
    write_pdf(&receipt(false, false), &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "the old file was replaced");
    let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(16)..]).into_owned();
    assert!(
        tail.trim_end().ends_with("%%EOF"),
        "complete PDF, ends {tail:?}"
    );
    assert!(pdftotext(&path).contains("DIRECT TV"));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("recibo.pdf")]);
}

#[test]
fn write_into_a_missing_folder_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-existe").join("recibo.pdf");
    let err = write_pdf(&receipt(false, false), &path).unwrap_err();
    assert!(matches!(err, ReceiptError::Io { .. }), "{err:?}");
    assert!(err.to_string().contains("no-existe"), "{err}");
    assert!(!path.exists());
}

#[test]
fn a_receipt_too_long_for_one_page_is_refused() {
    let mut doc = receipt(false, false);
    doc.body = "x\n".repeat(MAX_LINES + 10);
    let err = render_pdf(&doc).unwrap_err();
    assert!(matches!(err, ReceiptError::TooLong { .. }), "{err:?}");
}
