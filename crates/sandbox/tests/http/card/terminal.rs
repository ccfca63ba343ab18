//! The terminal's page: the amount and three buttons in Spanish, and its form presenting the
//! card as the API does.

use reqwest::StatusCode;
use serde_json::json;

use super::listener::Listener;
use super::start;

#[tokio::test]
async fn the_page_shows_the_amount_and_its_form_presents_the_card() {
    let rx = Listener::start(0).await;
    let card = start(Some(&rx.url)).await;
    let started = card.start_capture("T-<P>", "1500.00", "ARS").await;
    let page_url = started["page_url"].as_str().unwrap().to_owned();
    assert_eq!(page_url, card.url("/_sandbox/quickpay/terminal/T-%3CP%3E"));

    let resp = card.http.get(&page_url).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = resp.text().await.unwrap();
    for text in [
        "1500.00",
        "ARS",
        "Aprobar",
        "Rechazar",
        "Cancelar",
        "T-&lt;P&gt;",
    ] {
        assert!(html.contains(text), "{text} not in {html}");
    }
    assert!(!html.contains("T-<P>"), "the reference is escaped");
    assert!(html.contains("method=\"post\""));
    assert!(html.contains("name=\"outcome\" value=\"approve\""));
    assert!(html.contains("action=\"/_sandbox/quickpay/terminal/T-%3CP%3E\""));

    let resp = card
        .http
        .post(&page_url)
        .form(&[("outcome", "approve")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let html = resp.text().await.unwrap();
    assert!(html.contains("Pago aprobado"), "{html}");
    assert!(html.contains("xxxxxxxxxxxx1111"), "{html}");
    assert!(!html.contains("Aprobar"), "no buttons once presented");
    let got = rx.wait_for(1).await;
    assert_eq!(got[0].json()["gateway"]["decision"], "ACCEPT");
    assert_eq!(got[0].json()["cardholder"]["reference_id"], "T-<P>");
    let (_, view) = card.capture("T-%3CP%3E").await;
    assert_eq!(view["state"], "approved");

    // Presented once, by the page as by the API.
    let resp = card
        .http
        .post(&page_url)
        .form(&[("outcome", "decline")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::CONFLICT);
    assert!(resp.text().await.unwrap().contains("ya fue presentado"));
}

#[tokio::test]
async fn the_page_refuses_unknown_captures_and_outcomes() {
    let card = start(None).await;
    let resp = card
        .http
        .get(card.url("/_sandbox/quickpay/terminal/NOPE"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    assert!(resp.text().await.unwrap().contains("No hay ningún cobro"));
    card.start_capture("T-B", "3.00", "EUR").await;
    let resp = card
        .http
        .post(card.url("/_sandbox/quickpay/terminal/T-B"))
        .form(&[("outcome", "steal")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let resp = card
        .http
        .post(card.url("/_sandbox/quickpay/terminal/T-B"))
        .form(&[("outcome", "decline")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.text().await.unwrap().contains("Pago rechazado"));
    let (_, view) = card.capture("T-B").await;
    assert_eq!(view["state"], "declined");
    assert_eq!(view["card"]["panLast4"], json!("1111"));
}
