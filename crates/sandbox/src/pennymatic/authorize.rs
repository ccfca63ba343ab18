//! The page the customer's phone opens from the QR code, in Spanish and without JavaScript:
//! `GET /_sandbox/pennymatic/authorize?appId=..&sessionid=..` shows the app asking to connect
//! and an "Autorizar" button, a form posting to the session's approve endpoint, whose answer
//! to the form is `approved_page`.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use chrono::Utc;

use super::config::APP_ID;
use super::params::Params;
use super::session::{ApproveError, SessionState};
use super::urls;
use super::wallet::Pennymatic;

pub async fn page(State(gateway): State<Arc<Pennymatic>>, params: Params) -> Response {
    let session_id = params.get("sessionid").unwrap_or_default();
    if params.get("appId") != Some(APP_ID) {
        return message(
            StatusCode::BAD_REQUEST,
            "La aplicación que pide conectarse no es conocida.",
        );
    }
    let state = gateway
        .sessions()
        .get(session_id)
        .map(|s| s.state(Utc::now()));
    match state {
        None => message(
            StatusCode::NOT_FOUND,
            "No hay ninguna conexión pendiente con ese código.",
        ),
        Some(SessionState::Expired) => message(
            StatusCode::GONE,
            "El código venció. Pida en la caja un código nuevo.",
        ),
        Some(SessionState::Approved | SessionState::Revoked) => {
            message(StatusCode::OK, "Esta conexión ya fue autorizada.")
        }
        Some(SessionState::Waiting) => {
            let body = format!(
                "<p>La aplicación <b>{}</b> pide permiso para cobrar pagos en su billetera.</p>\n\
                 <p>Sesión: {}</p>\n\
                 <form method=\"post\" action=\"{}\">\n\
                 <button type=\"submit\">Autorizar</button>\n</form>\n",
                escape(APP_ID),
                escape(session_id),
                escape(&urls::approve_path(session_id)),
            );
            (StatusCode::OK, Html(layout(&body))).into_response()
        }
    }
}

/// The answer to the page's form.
pub fn approved_page(result: Result<(), ApproveError>) -> Response {
    match result {
        Ok(()) => message(
            StatusCode::OK,
            "Billetera conectada. Puede volver a la caja.",
        ),
        Err(ApproveError::NotFound) => message(
            StatusCode::NOT_FOUND,
            "No hay ninguna conexión pendiente con ese código.",
        ),
        Err(ApproveError::Expired) => message(
            StatusCode::GONE,
            "El código venció. Pida en la caja un código nuevo.",
        ),
        Err(ApproveError::AlreadyApproved(_)) => {
            message(StatusCode::CONFLICT, "Esta conexión ya fue autorizada.")
        }
    }
}

fn message(status: StatusCode, text: &str) -> Response {
    (status, Html(layout(&format!("<p>{}</p>\n", escape(text))))).into_response()
}

fn layout(body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"es\">\n<head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Conectar billetera</title></head>\n<body>\n\
         <h1>Conectar billetera</h1>\n{body}</body>\n</html>\n"
    )
}

/// HTML text escaping (the session id comes from the query string).
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
