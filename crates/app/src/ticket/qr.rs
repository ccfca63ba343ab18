//! A QR code as SVG markup, for the screen to draw as it is (the customer scans it from the
//! cashier's screen or the customer's): made here, so the screen computes nothing.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// `text` as an SVG QR code with its quiet zone, dark on light, or `None` when it does not fit
/// in a QR code (a URL over about 2 KB).
pub(crate) fn svg(text: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    Some(
        code.render::<svg::Color<'_>>()
            .min_dimensions(240, 240)
            .quiet_zone(true)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .build(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_wallet_url_becomes_an_svg_and_nonsense_does_not() {
        let url = "http://127.0.0.1:8787/_sandbox/pennymatic/authorize?appId=5a9d0c3e7b1f4e2a8c6d0b13&sessionid=c89d21c7-3140-4d44-adea-69e24541648d";
        let svg = super::svg(url).unwrap();
        assert!(
            svg.starts_with("<?xml") || svg.starts_with("<svg"),
            "{}",
            &svg[..40]
        );
        assert!(svg.contains("<path") || svg.contains("<rect"));
        assert!(super::svg(&"x".repeat(5000)).is_none());
    }
}
