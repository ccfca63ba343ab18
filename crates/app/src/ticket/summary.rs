//! The ticket's summary receipt: every bill with its state, the total, the cash received, the
//! change, and what was handed back or is still to be, as a PDF for the 80 mm roll. The first
//! one is the original (rewritten with the latest states each time it is asked for); a reprint
//! is marked as a copy and kept beside it.

use ventanilla_receipts::{write_pdf, ReceiptDocument};

use crate::context::Context;
use crate::error::UiError;
use crate::i18n::Locale;
use crate::ticket::loaded::{load, Line, Loaded};
use crate::ticket::words::ledger_error;
use crate::traxion::receipt::not_written;
use crate::views::TicketReceiptFile;

/// Widest a body line gets: the receipts crate wraps anything wider than its 42 columns.
const WIDTH: usize = 40;

pub(crate) fn summary_pdf(
    ctx: &Context,
    ticket_id: i64,
    copy: bool,
) -> Result<TicketReceiptFile, UiError> {
    let l = ctx.locale();
    let t = load(&ctx.store(), ticket_id).map_err(|e| UiError::store(&e, l))?;
    let doc = document(ctx, &t, copy)?;
    let text = ventanilla_receipts::render_text(&doc);
    let dir = ctx.cfg.receipts_dir();
    let path = if copy {
        let stamp = ctx.now().format("%Y%m%d-%H%M%S%3f");
        dir.join(format!("ticket-{ticket_id}-copia-{stamp}.pdf"))
    } else {
        dir.join(format!("ticket-{ticket_id}.pdf"))
    };
    write_pdf(&doc, &path).map_err(|e| not_written(&e, l))?;
    Ok(TicketReceiptFile {
        ticket_id,
        copy,
        outcome_label: if copy {
            l.pick(
                "Copia del resumen del ticket guardada (PDF), lista para imprimir.",
                "Copy of the ticket summary saved (PDF), ready to print.",
            )
        } else {
            l.pick(
                "Resumen del ticket guardado (PDF), listo para imprimir.",
                "Ticket summary saved (PDF), ready to print.",
            )
        },
        text,
        file: path.display().to_string(),
    })
}

/// How the ticket was paid, when not all in cash: each card with its last four digits and
/// capture number, each wallet payment with its whole txid (for audit: the blockchain's record).
fn tender_lines(
    payment: &ventanilla_core::ledger::LedgerPayment,
    l: Locale,
    body: &mut Vec<String>,
) {
    use ventanilla_core::ledger::{Tender, Transaction};
    let tenders: Vec<_> = payment
        .transactions()
        .iter()
        .filter_map(|t| match t {
            Transaction::Tender(t) => Some(t),
            Transaction::Refund(_) => None,
        })
        .collect();
    if tenders
        .iter()
        .all(|t| matches!(t.tender, Tender::Cash { .. }))
    {
        return;
    }
    body.push(l.pick("Medios de pago", "Tenders"));
    for t in tenders {
        match &t.tender {
            Tender::Cash { .. } => body.push(columns(
                &format!("   {}", l.pick("Efectivo", "Cash")),
                &l.money(&t.applied),
            )),
            Tender::Card(c) => {
                body.push(columns(
                    &format!("   {} **** {}", l.pick("Tarjeta", "Card"), c.last4),
                    &l.money(&t.applied),
                ));
                body.push(format!("     {}", c.capture_number));
            }
            Tender::Wallet(w) => {
                body.push(columns(
                    &format!("   {}", l.pick("Billetera BSV", "BSV wallet")),
                    &l.money(&t.applied),
                ));
                body.push("     txid".to_string());
                for piece in w.txid.as_bytes().chunks(WIDTH - 5) {
                    body.push(format!("     {}", String::from_utf8_lossy(piece)));
                }
            }
        }
    }
}

fn document(ctx: &Context, t: &Loaded, copy: bool) -> Result<ReceiptDocument, UiError> {
    let l = ctx.locale();
    let s = t
        .record
        .payment
        .settle(&t.outcomes)
        .map_err(|e| ledger_error(&e, l))?;
    let ticket = &t.record.ticket;
    let mut body = Vec::new();
    let mut last_order = None;
    for ((item, line), outcome) in t.record.items.iter().zip(&t.lines).zip(&t.outcomes) {
        // A tax order's number and total head its debts, once.
        if let Line::Tax(tax) = line {
            if let Some(order) = tax.state.order().filter(|_| last_order != Some(tax.order)) {
                last_order = Some(tax.order);
                body.push(l.pick("Orden de impuestos", "Tax order"));
                body.push(format!("   {}", order.id()));
                body.push(columns(
                    &format!("   {}", l.pick("Total de la orden", "Order total")),
                    &l.money(&order.total()),
                ));
            }
        }
        let title = format!("{}. {}", item.position, line.title());
        for (n, piece) in ventanilla_receipts::wrap_words(&title, WIDTH - 3)
            .into_iter()
            .enumerate()
        {
            body.push(if n == 0 { piece } else { format!("   {piece}") });
        }
        let whose = match line {
            Line::Sale(_) => l.pick("Cliente", "Customer"),
            Line::Tax(_) => l.pick("Contribuyente", "Taxpayer"),
        };
        body.push(format!("   {whose} {}", line.customer()));
        body.push(columns(
            &format!("   {}", line.state_label(l)),
            &l.money(&item.amount),
        ));
        if outcome.state == ventanilla_core::ticket::ItemState::Rejected {
            body.push(format!(
                "   {}",
                l.pick("Rechazada: se devuelve", "Rejected: handed back")
            ));
        }
    }
    body.push("-".repeat(WIDTH));
    let mut sums = vec![
        (l.pick("TOTAL", "TOTAL"), s.total),
        (l.pick("Recibido", "Received"), s.received),
        (l.pick("Vuelto", "Change"), s.change),
        (l.pick("Aprobado", "Approved"), s.approved),
    ];
    if !s.waiting.amount().is_zero() {
        sums.push((
            l.pick("Esperando respuesta", "Waiting for answer"),
            s.waiting,
        ));
    }
    if !s.rejected.amount().is_zero() {
        sums.push((l.pick("Devuelto", "Handed back"), s.refunded));
        sums.push((l.pick("A devolver", "To hand back"), s.refund_due));
    }
    for (label, amount) in sums {
        body.push(columns(&label, &l.money(&amount)));
    }
    tender_lines(&t.record.payment, l, &mut body);
    let business_name = l.pick(
        "Ventanilla - Cobro de servicios",
        "Ventanilla - Bill payments",
    );
    Ok(ReceiptDocument {
        title: l.pick(
            format!("Resumen de ticket - {business_name}"),
            format!("Ticket summary - {business_name}"),
        ),
        business_name,
        header: vec![
            (l.pick("Ticket", "Ticket"), ticket.id.to_string()),
            (l.pick("Caja", "Counter"), ticket.counter.clone()),
            (l.pick("Cajero", "Cashier"), ticket.cashier.clone()),
            (
                l.pick("Fecha", "Date"),
                ticket
                    .created_at
                    .with_timezone(&chrono::Local)
                    .format("%d/%m/%Y %H:%M:%S")
                    .to_string(),
            ),
            (
                if t.lines.iter().all(|x| matches!(x, Line::Sale(_))) {
                    l.pick("Facturas", "Bills")
                } else {
                    l.pick("Ítems", "Items")
                },
                t.record.items.len().to_string(),
            ),
            (
                l.pick("Medio de pago", "Tender"),
                l.pick("Efectivo", "Cash"),
            ),
        ],
        body: body.join("\n"),
        footer: vec![status_line(&s, l)],
        training_mark: ctx.cfg.is_sandbox().then(|| {
            l.pick(
                "MODO PRUEBA - SIN VALOR FISCAL",
                "TRAINING MODE - NOT A FISCAL RECEIPT",
            )
        }),
        copy_mark: copy.then(|| l.pick("DUPLICADO - COPIA", "DUPLICATE - COPY")),
        issued_at: ticket.created_at.into(),
    })
}

/// `left` and `right` on one line of [`WIDTH`] columns (right-aligned), or on two when they
/// do not fit together.
fn columns(left: &str, right: &str) -> String {
    let used = left.chars().count() + right.chars().count();
    if used < WIDTH {
        format!("{left}{}{right}", " ".repeat(WIDTH - used))
    } else {
        format!("{left}\n{right:>WIDTH$}")
    }
}

fn status_line(s: &ventanilla_core::ledger::Settlement, l: Locale) -> String {
    if !s.waiting.amount().is_zero() {
        l.pick(
            "Hay ítems esperando respuesta: este resumen no es el final.",
            "Some items await an answer: this summary is not final.",
        )
    } else if !s.refund_due.amount().is_zero() {
        l.pick(
            "Hay dinero por devolver al cliente.",
            "Money is still to be handed back.",
        )
    } else {
        l.pick("Ticket cerrado.", "Ticket settled.")
    }
}

#[cfg(test)]
mod tests {
    use super::columns;

    #[test]
    fn amounts_line_up_at_the_right_or_drop_to_their_own_line() {
        assert_eq!(columns("TOTAL", "$ 1,00").len(), super::WIDTH);
        assert!(columns("TOTAL", "$ 1,00").ends_with(" $ 1,00"));
        let long = columns(&"x".repeat(38), "$ 1.000,00");
        assert_eq!(long.lines().count(), 2);
        assert!(long.lines().all(|l| l.chars().count() <= super::WIDTH));
    }
}
