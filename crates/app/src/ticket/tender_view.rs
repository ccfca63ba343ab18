//! The ticket being built for the screen with its charges: what they leave owed, and the wait
//! of the one pending.

use chrono::{DateTime, Utc};
use ventanilla_core::ticket::Draft;

use crate::i18n::Locale;
use crate::ticket::charges::{ChargeGateway, Charges};
use crate::ticket::item::ItemDetail;
use crate::ticket::tender_lines::tender_view;
use crate::ticket::view::draft_view;
use crate::views::{MoneyView, TenderView, TicketView};

/// The ticket being built with its charges.
pub(crate) fn desk_view(
    draft: &Draft<ItemDetail>,
    charges: &Charges,
    now: DateTime<Utc>,
    l: Locale,
) -> TicketView {
    let mut v = draft_view(draft, l);
    v.tenders = charges
        .accepted()
        .iter()
        .map(|c| tender_view(&c.tender, c.amount, "accepted", l))
        .collect();
    if let Some(p) = charges.pending() {
        let left = (p.deadline - now).num_seconds().max(0);
        v.tenders.push(TenderView {
            kind: kind(p.gateway).into(),
            state: "waiting".into(),
            label: match p.gateway {
                ChargeGateway::Card => l.pick(
                    "Tarjeta: esperando al cliente en el terminal",
                    "Card: waiting for the customer at the terminal",
                ),
                ChargeGateway::Wallet => l.pick(
                    "Billetera: esperando que el cliente escanee el código",
                    "Wallet: waiting for the customer to scan the code",
                ),
            },
            amount: MoneyView::new(&p.amount, l),
            txid: None,
            deadline: Some(p.deadline.to_rfc3339()),
            seconds_left: Some(u32::try_from(left).unwrap_or(u32::MAX)),
            qr_url: p.qr_url.clone(),
            qr_svg: p.qr_url.as_deref().and_then(crate::ticket::qr::svg),
        });
    }
    if let Ok(total) = draft.total() {
        let owed = charges.payment(total, now).and_then(|p| p.owed()).ok();
        v.owed = owed.map(|o| MoneyView::new(&o, l));
        // The cash shortcuts are for what the cash is to pay: what the charges leave owed.
        if !charges.accepted().is_empty() {
            v.cash_hints = owed
                .filter(|o| !o.amount().is_zero())
                .map(|o| {
                    ventanilla_core::cash_hints::cash_hints(o)
                        .iter()
                        .map(|h| MoneyView::new(h, l))
                        .collect()
                })
                .unwrap_or_default();
        }
    }
    v.charge_notice = charges.notice().map(|n| n.message.clone());
    v
}

fn kind(g: ChargeGateway) -> &'static str {
    match g {
        ChargeGateway::Card => "card",
        ChargeGateway::Wallet => "wallet",
    }
}
