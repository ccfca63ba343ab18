//! What a customer does against the sandbox, for `pay --auto-approve`: presents a card at the
//! terminal, approves the wallet-connect request on their phone. Only the sandbox's own
//! endpoints (`/_sandbox/...`); a real terminal or wallet has a real customer.

use serde_json::{json, Value};
use ventanilla_app::Ventanilla;

type Failed = Box<dyn std::error::Error>;

/// Presents an approved card for the capture the terminal is waiting for.
pub async fn present_card(app: &Ventanilla) -> Result<(), Failed> {
    let base = app
        .card_terminal_url()
        .ok_or("this counter takes no cards")?;
    let client = reqwest::Client::new();
    let list: Value = client
        .get(format!("{base}/_sandbox/quickpay/captures"))
        .send()
        .await?
        .json()
        .await?;
    let waiting = list
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["state"] == "waiting")
        .filter_map(|c| c["reference_id"].as_str())
        .next_back()
        .ok_or("no capture waits at the sandbox's terminal (is it the sandbox?)")?
        .to_string();
    let res = client
        .post(format!(
            "{base}/_sandbox/quickpay/captures/{waiting}/present"
        ))
        .json(&json!({ "outcome": "approve" }))
        .send()
        .await?;
    if !res.status().is_success() {
        return Err(format!("the sandbox's terminal refused: {}", res.text().await?).into());
    }
    Ok(())
}

/// Approves the wallet-connect request behind `url` (the QR code's).
pub async fn approve_wallet(app: &Ventanilla, url: &str) -> Result<(), Failed> {
    let base = app.wallet_url().ok_or("this counter takes no wallets")?;
    let session = url
        .split("sessionid=")
        .nth(1)
        .and_then(|s| s.split('&').next())
        .ok_or("the wallet-connect URL names no session")?;
    let res = reqwest::Client::new()
        .post(format!(
            "{base}/_sandbox/pennymatic/sessions/{session}/approve"
        ))
        .json(&json!({}))
        .send()
        .await?;
    if !res.status().is_success() {
        return Err(format!("the sandbox's wallet refused: {}", res.text().await?).into());
    }
    Ok(())
}
