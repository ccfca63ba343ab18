//! Tax orders (`tax_orders`): each order the platform created for this counter, from the moment
//! it exists there (so that one left open by a crash can still be found and canceled) to its last
//! callback. Its debts are `tax_order_items`; what spans the two is `tax_writes`.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use ventanilla_core::arkadu::{
    CancelSource, Delivery, OrderId, OrderPhase, OrderState, PaymentReference, PlatformRefusal,
    Settlement, TaxOrder,
};
use ventanilla_core::Currency;

use crate::error::StoreError;
use crate::schema::Schema;
use crate::time::decode_time;

pub(crate) const SCHEMA: Schema = Schema {
    name: "tax_orders",
    migrations: &[
        // 1: the order and where it stands. A reference and its report time come together, and
        // never change once written (every retry of the report sends exactly them).
        r#"
    CREATE TABLE tax_orders (
        id              INTEGER PRIMARY KEY,
        order_id        TEXT NOT NULL UNIQUE,
        doc_id          TEXT NOT NULL,
        currency        TEXT NOT NULL,
        total_amount    TEXT NOT NULL,
        expire_at       TEXT NOT NULL,
        phase           TEXT NOT NULL CHECK (phase IN ('open', 'reported', 'processing',
                            'complete', 'canceled', 'expired', 'report_refused')),
        reference       TEXT UNIQUE,
        reported_at     TEXT,
        delivery        TEXT CHECK (delivery IN ('queued', 'sent')),
        canceled_by     TEXT CHECK (canceled_by IN ('cashier', 'platform')),
        refusal_code    TEXT,
        refusal_message TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        CHECK ((reference IS NULL) = (reported_at IS NULL)),
        CHECK ((reference IS NULL) = (delivery IS NULL))
    );
    CREATE INDEX tax_orders_by_phase ON tax_orders(phase);
    "#,
    ],
};

/// An order's own row, before its debts are read.
pub(crate) struct OrderRow {
    pub id: i64,
    pub order_id: OrderId,
    pub doc_id: String,
    pub currency: Currency,
    pub total: String,
    pub expire_at: DateTime<Utc>,
    pub phase: String,
    pub reference: Option<PaymentReference>,
    pub reported_at: Option<DateTime<Utc>>,
    pub delivery: Option<String>,
    pub canceled_by: Option<String>,
    pub refusal: Option<PlatformRefusal>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub(crate) fn phase_name(phase: OrderPhase) -> Result<&'static str, StoreError> {
    Ok(match phase {
        OrderPhase::Open => "open",
        OrderPhase::Reported => "reported",
        OrderPhase::Processing => "processing",
        OrderPhase::Complete => "complete",
        OrderPhase::Canceled => "canceled",
        OrderPhase::Expired => "expired",
        OrderPhase::ReportRefused => "report_refused",
        OrderPhase::Draft | OrderPhase::Creating => {
            return Err(StoreError::Invalid(
                "a tax order is journaled once the platform has created it".into(),
            ))
        }
    })
}

/// Inserts a new order, or updates the one with the same platform id; returns its row id.
pub(crate) fn write(
    conn: &Connection,
    doc_id: &str,
    state: &OrderState,
    at: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let order = state
        .order()
        .ok_or_else(|| StoreError::Invalid("a tax order not created yet".into()))?;
    let phase = phase_name(state.phase())?;
    let settlement = state.settlement();
    let (by, refusal) = match state {
        OrderState::Canceled { by, .. } => (
            Some(match by {
                CancelSource::Cashier => "cashier",
                CancelSource::Platform => "platform",
            }),
            None,
        ),
        OrderState::ReportRefused { refusal, .. } => (None, Some(refusal)),
        _ => (None, None),
    };
    let id: i64 = conn
        .prepare_cached(
            "INSERT INTO tax_orders (order_id, doc_id, currency, total_amount, expire_at, phase,
                 reference, reported_at, delivery, canceled_by, refusal_code, refusal_message,
                 created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)
             ON CONFLICT (order_id) DO UPDATE SET
                 total_amount = excluded.total_amount, expire_at = excluded.expire_at,
                 phase = excluded.phase, reference = excluded.reference,
                 reported_at = excluded.reported_at, delivery = excluded.delivery,
                 canceled_by = excluded.canceled_by, refusal_code = excluded.refusal_code,
                 refusal_message = excluded.refusal_message, updated_at = excluded.updated_at
             RETURNING id",
        )?
        .query_row(
            params![
                order.id().as_str(),
                doc_id,
                order.total().currency().iso(),
                order.total().amount().to_string(),
                order.expire_at().to_rfc3339(),
                phase,
                settlement.map(|s| s.report.reference.as_str()),
                settlement.map(|s| s.report.created.to_rfc3339()),
                settlement.map(|s| match s.delivery {
                    Delivery::Queued => "queued",
                    Delivery::Sent => "sent",
                }),
                by,
                refusal.and_then(|r| r.code.as_deref()),
                refusal.map(|r| r.message.as_str()),
                at.to_rfc3339(),
            ],
            |r| r.get(0),
        )?;
    Ok(id)
}

const COLUMNS: &str = "id, order_id, doc_id, currency, total_amount, expire_at, phase, reference,
    reported_at, delivery, canceled_by, refusal_code, refusal_message, created_at, updated_at";

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<OrderRow, StoreError>> {
    let id: i64 = r.get(0)?;
    let texts: [String; 6] = [
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ];
    let optional: [Option<String>; 6] = [
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
        r.get(11)?,
        r.get(12)?,
    ];
    let times: [String; 2] = [r.get(13)?, r.get(14)?];
    Ok((|| {
        let [order_id, doc_id, currency, total, expire_at, phase] = texts;
        let [reference, reported_at, delivery, canceled_by, code, message] = optional;
        let [created_at, updated_at] = times;
        Ok(OrderRow {
            id,
            order_id: OrderId::new(&order_id)
                .ok_or_else(|| StoreError::Decode("a blank order id".into()))?,
            doc_id,
            currency: Currency::from_iso(&currency)
                .ok_or_else(|| StoreError::Decode(format!("currency {currency}")))?,
            total,
            expire_at: decode_time(&expire_at)?,
            phase,
            reference: reference.as_deref().and_then(PaymentReference::new),
            reported_at: reported_at.as_deref().map(decode_time).transpose()?,
            delivery,
            canceled_by,
            refusal: message.map(|message| PlatformRefusal { code, message }),
            created_at: decode_time(&created_at)?,
            updated_at: decode_time(&updated_at)?,
        })
    })())
}

/// The row with id `id`, or the order with platform id `order_id`.
pub(crate) fn find(
    conn: &Connection,
    id: Option<i64>,
    order_id: Option<&str>,
) -> Result<Option<OrderRow>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM tax_orders WHERE id = ?1 OR order_id = ?2");
    conn.prepare_cached(&sql)?
        .query_row(params![id, order_id], read_row)
        .optional()?
        .transpose()
}

/// The ids of orders in these phases, oldest first.
pub(crate) fn ids_in(conn: &Connection, phases: &[&str]) -> Result<Vec<i64>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id, phase FROM tax_orders ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, phase) = row?;
        if phases.contains(&phase.as_str()) {
            out.push(id);
        }
    }
    Ok(out)
}

/// The state the row and its debts describe.
pub(crate) fn state_of(
    row: &OrderRow,
    items: Vec<crate::tables::tax_order_items::ItemRow>,
) -> Result<OrderState, StoreError> {
    let total = crate::tables::money_text::decode(&row.total, row.currency)?;
    let progress = items.iter().map(|i| i.progress.clone()).collect();
    let order = TaxOrder::new(
        row.order_id.clone(),
        items.into_iter().map(|i| i.item).collect(),
        Some(total),
        row.expire_at,
    )
    .map_err(|e| StoreError::Altered(format!("tax order {}: {e}", row.id)))?;
    let settlement = match (&row.reference, row.reported_at) {
        (Some(reference), Some(created)) => Some(Settlement {
            report: ventanilla_core::arkadu::PaymentReport {
                reference: reference.clone(),
                amount: total,
                created,
            },
            delivery: match row.delivery.as_deref() {
                Some("sent") => Delivery::Sent,
                _ => Delivery::Queued,
            },
            items: progress,
        }),
        _ => None,
    };
    let need = |s: Option<Settlement>| {
        s.ok_or_else(|| StoreError::Decode(format!("tax order {} has no report", row.id)))
    };
    Ok(match row.phase.as_str() {
        "open" => OrderState::Open {
            order,
            changing: false,
        },
        "expired" => OrderState::Expired { order },
        "reported" => OrderState::Reported {
            order,
            settlement: need(settlement)?,
        },
        "processing" => OrderState::Processing {
            order,
            settlement: need(settlement)?,
        },
        "complete" => OrderState::Complete {
            order,
            settlement: need(settlement)?,
        },
        "report_refused" => OrderState::ReportRefused {
            order,
            settlement: need(settlement)?,
            refusal: row.refusal.clone().unwrap_or(PlatformRefusal {
                code: None,
                message: String::new(),
            }),
        },
        "canceled" => OrderState::Canceled {
            order,
            by: match row.canceled_by.as_deref() {
                Some("platform") => CancelSource::Platform,
                _ => CancelSource::Cashier,
            },
            settlement,
        },
        other => return Err(StoreError::Decode(format!("tax order phase {other}"))),
    })
}
