//! The ticket `GET /sale/{id}/receipt` returns: plain text, 31 columns, `\r\n` line breaks.

use rust_decimal::Decimal;

use super::ledger::SaleRecord;

/// Columns of the ticket.
pub const WIDTH: usize = 31;

/// Renders an approved sale's ticket.
pub fn render(sale: &SaleRecord) -> String {
    let bill = &sale.bill;
    let mut lines: Vec<String> = Vec::new();
    let rule = |c: char| c.to_string().repeat(WIDTH);
    lines.push(rule('='));
    lines.push(center("TRAXION"));
    lines.push(center("COBRO DE SERVICIOS"));
    lines.push(center("COMPROBANTE DE PAGO"));
    lines.push(rule('='));
    lines.push(pair(
        "Fecha:",
        &sale.final_at().format("%d/%m/%Y %H:%M:%S").to_string(),
    ));
    lines.push(pair("Operacion:", &sale.number.to_string()));
    lines.push(rule('-'));
    lines.extend(wrap(&format!("Empresa: {}", bill.bill_company.name)));
    lines.push(pair("Cod. empresa:", &bill.bill_company.code));
    lines.extend(wrap(&format!("Cliente: {}", bill.customer_identifier)));
    if !bill.bill_bar_code.is_empty() {
        lines.push("Cod. barras:".to_owned());
        lines.extend(wrap(&bill.bill_bar_code));
    }
    lines.push(rule('-'));
    lines.push(pair("IMPORTE:", &format_ars(sale.amount)));
    lines.push(rule('-'));
    lines.push(pair("Confirmacion:", &sale.confirmation_id));
    lines.push(pair("Id:", &sale.id));
    lines.push(rule('='));
    lines.push(center("Conserve este comprobante"));
    let mut text = lines.join("\r\n");
    text.push_str("\r\n");
    text
}

/// `$ 2.748,00`: Argentine grouping, two decimals.
pub fn format_ars(amount: Decimal) -> String {
    let mut a = amount.round_dp(2);
    a.rescale(2);
    let s = a.abs().to_string();
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if a.is_sign_negative() && !a.is_zero() {
        "-"
    } else {
        ""
    };
    format!("$ {sign}{grouped},{frac}")
}

fn center(text: &str) -> String {
    let len = text.chars().count().min(WIDTH);
    let pad = (WIDTH - len) / 2;
    format!(
        "{}{}",
        " ".repeat(pad),
        text.chars().take(WIDTH).collect::<String>()
    )
}

/// Label on the left, value on the right; wraps the value when both do not fit.
fn pair(label: &str, value: &str) -> String {
    let used = label.chars().count() + value.chars().count();
    if used < WIDTH {
        format!("{label}{}{value}", " ".repeat(WIDTH - used))
    } else {
        let mut out = vec![label.to_owned()];
        out.extend(wrap(value));
        out.join("\r\n")
    }
}

/// Word wrap at [`WIDTH`], cutting words longer than a line.
fn wrap(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let line_len = line.chars().count();
            let sep = usize::from(line_len > 0);
            if line_len + sep + word.len() <= WIDTH {
                if sep == 1 {
                    line.push(' ');
                }
                line.extend(word.iter());
                break;
            }
            if line_len > 0 {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            let rest = word.split_off(WIDTH);
            lines.push(word.iter().collect());
            word = rest;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ars_format() {
        assert_eq!(format_ars("2748".parse().unwrap()), "$ 2.748,00");
        assert_eq!(format_ars("50.5".parse().unwrap()), "$ 50,50");
        assert_eq!(format_ars("1234567.89".parse().unwrap()), "$ 1.234.567,89");
        assert_eq!(format_ars("0".parse().unwrap()), "$ 0,00");
    }

    #[test]
    fn wraps_long_words_and_names() {
        let long = "0".repeat(50);
        let w = wrap(&long);
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].len(), WIDTH);
        let w = wrap("Empresa: COOPERATIVA ELECTRICA DE MAR DEL PLATA");
        assert!(w.iter().all(|l| l.chars().count() <= WIDTH));
        assert_eq!(
            w.join(" "),
            "Empresa: COOPERATIVA ELECTRICA DE MAR DEL PLATA"
        );
    }
}
