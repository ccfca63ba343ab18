//! The terminal as a person sees it, in Spanish and without JavaScript:
//!
//! - `GET /_sandbox/quickpay/terminal/{reference_id}`: the amount and one form with three
//!   buttons, "Aprobar", "Rechazar" and "Cancelar" (field `outcome`), or the capture's result
//!   once presented;
//! - `POST /_sandbox/quickpay/terminal/{reference_id}` (form `outcome=approve|decline|cancel`):
//!   presents the sandbox's default card, as the JSON `present` does, and shows the result.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Html;
use axum::Form;

use super::capture::{Capture, CaptureState, Outcome};
use super::card::{Card, DEFAULT_CARD_NUMBER, DEFAULT_CARD_TYPE};
use super::present::present;
use super::terminal::Quickpay;
use super::urls;
use crate::faults::ctl::FaultCtl;

type Page = (StatusCode, Html<String>);

pub async fn show(State(quickpay): State<Arc<Quickpay>>, Path(reference_id): Path<String>) -> Page {
    let captures = quickpay.captures();
    match captures.get(&reference_id) {
        Some(capture) => (StatusCode::OK, Html(render(capture))),
        None => not_found(),
    }
}

pub async fn submit(
    State(quickpay): State<Arc<Quickpay>>,
    State(faults): State<Arc<FaultCtl>>,
    Path(reference_id): Path<String>,
    headers: HeaderMap,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Page {
    let outcome = form
        .ok()
        .and_then(|Form(f)| f.get("outcome").and_then(|o| Outcome::parse(o)));
    let Some(outcome) = outcome else {
        return message(
            StatusCode::BAD_REQUEST,
            "Elija Aprobar, Rechazar o Cancelar.",
        );
    };
    let card = Card::read(DEFAULT_CARD_NUMBER, DEFAULT_CARD_TYPE).expect("the default card");
    let done = present(
        &quickpay,
        &faults,
        &reference_id,
        outcome,
        card,
        &urls::base(&headers),
    );
    match done {
        Ok(_) => match quickpay.captures().get(&reference_id) {
            Some(capture) => (StatusCode::OK, Html(render(capture))),
            None => not_found(),
        },
        Err(e) if e.status == StatusCode::NOT_FOUND => not_found(),
        Err(e) => message(
            e.status,
            "Este cobro ya fue presentado: no se cobra dos veces.",
        ),
    }
}

fn not_found() -> Page {
    message(
        StatusCode::NOT_FOUND,
        "No hay ningún cobro con esa referencia.",
    )
}

fn message(status: StatusCode, text: &str) -> Page {
    (status, Html(layout(&format!("<p>{}</p>", escape(text)))))
}

fn state_text(state: CaptureState) -> &'static str {
    match state {
        CaptureState::Waiting => "Esperando la tarjeta",
        CaptureState::Approved => "Pago aprobado",
        CaptureState::Declined => "Pago rechazado",
        CaptureState::Cancelled => "Cobro cancelado",
    }
}

fn render(capture: &Capture) -> String {
    let mut body = format!(
        "<p>Referencia: <b>{}</b></p>\n<p>Importe: <b>{} {}</b></p>\n<p>Estado: <b>{}</b></p>\n",
        escape(&capture.reference_id),
        capture.currency.iso(),
        capture.amount,
        state_text(capture.state),
    );
    match &capture.presented {
        None => body.push_str(&format!(
            "<form method=\"post\" action=\"{}\">\n\
             <button name=\"outcome\" value=\"approve\">Aprobar</button>\n\
             <button name=\"outcome\" value=\"decline\">Rechazar</button>\n\
             <button name=\"outcome\" value=\"cancel\">Cancelar</button>\n\
             </form>\n",
            escape(&urls::page("", &capture.reference_id)),
        )),
        Some(p) => body.push_str(&format!(
            "<p>Tarjeta: {} &middot; Captura {}</p>\n",
            escape(&p.card.masked),
            escape(&capture.capture_number),
        )),
    }
    layout(&body)
}

fn layout(body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"es\">\n<head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Terminal de tarjetas</title></head>\n<body>\n\
         <h1>Terminal de tarjetas (sandbox)</h1>\n{body}</body>\n</html>\n"
    )
}

/// HTML text escaping (the reference is the client's).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
