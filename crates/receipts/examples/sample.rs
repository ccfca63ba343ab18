//! Writes a sample receipt: `cargo run -p ventanilla-receipts --example sample -- out.pdf [copia] [prueba] [largo]`
//! and prints the same receipt as text. It plays the caller's part, so every word on it is the
//! sample's own, in Spanish as a counter in Argentina prints it.

use std::path::PathBuf;

use ventanilla_receipts::{render_text, write_pdf, ReceiptDocument};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().unwrap_or_else(|| "recibo.pdf".into()));
    let flags: Vec<String> = args.collect();
    let body = [
        "          DIRECT TV",
        "   COMPROBANTE DE PAGO",
        "-------------------------------",
        "Cliente:          JUAN PÉREZ",
        "Nº de cuenta:     00123456789",
        "Período:          05/2025",
        "Vencimiento:      10/06/2025",
        "-------------------------------",
        "Importe pagado:    $ 2.748,00",
        "-------------------------------",
        "¡Gracias por su pago!",
        "¿Dudas? Llame al 0810-333-3476",
    ]
    .join("\r\n");
    let mut doc = ReceiptDocument {
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
        body,
        footer: vec!["Operación 743698523".into()],
        training_mark: flags
            .iter()
            .any(|f| f == "prueba")
            .then(|| "MODO PRUEBA - SIN VALOR FISCAL".into()),
        copy_mark: flags
            .iter()
            .any(|f| f == "copia")
            .then(|| "DUPLICADO - COPIA".into()),
        issued_at: std::time::SystemTime::now(),
    };
    if flags.iter().any(|f| f == "largo") {
        // Wrapping: a long name, a long header value, an over-wide body line, a long footer.
        doc.business_name =
            "Cooperativa de Provisión de Servicios Públicos y Vivienda Ltda.".into();
        doc.header.push((
            "Concepto".into(),
            "Factura de servicio de televisión satelital, período mayo".into(),
        ));
        doc.body
            .push_str("\r\nREF:ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJ");
        doc.footer
            .push("Consulte el estado de su pago en la boca de cobro más cercana".into());
    }
    write_pdf(&doc, &path)?;
    print!("{}", render_text(&doc));
    Ok(())
}
