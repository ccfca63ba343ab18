//! Delivering the customer's consent: `GET <webhook>?usertoken=..&appId=..&sessionid=..`
//! (appended with `&` when the webhook has a query already), retried with a doubling, capped
//! wait until any 2xx. `pennymatic.consent` faults delay it (`latency_ms`) or send it twice
//! (`duplicate`). The URL carries the user token, so it is never logged.
//!
//! A delivery holds the gateway only weakly: it ends when the sandbox is gone, or when its
//! session was forgotten by a reset.

use std::sync::{Arc, Weak};
use std::time::Duration;

use super::wallet::Pennymatic;
use crate::faults::ctl::CallbackFaults;

/// How one consent is to be sent.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub faults: CallbackFaults,
    /// Extra wait before sending (the rules' `latency_ms`).
    pub delay: Duration,
}

/// The webhook URL with the consent's parameters; `None` when `webhook` is no URL.
pub fn url(webhook: &str, user_token: &str, app_id: &str, session_id: &str) -> Option<String> {
    let mut url = reqwest::Url::parse(webhook).ok()?;
    url.query_pairs_mut()
        .append_pair("usertoken", user_token)
        .append_pair("appId", app_id)
        .append_pair("sessionid", session_id);
    Some(url.into())
}

/// Queues the consent of `session_id` to `url` and sends it in the background.
pub fn spawn(gateway: &Arc<Pennymatic>, session_id: String, url: String, plan: Plan) {
    let copies = if plan.faults.duplicate { 2 } else { 1 };
    gateway.sessions().queue(&session_id, copies);
    let weak = Arc::downgrade(gateway);
    tokio::spawn(async move {
        tokio::time::sleep(plan.delay).await;
        for _ in 0..copies {
            if !deliver(&weak, &session_id, &url).await {
                return;
            }
        }
    });
}

/// GETs `url` until a 2xx; false when the sandbox or the session went away first.
async fn deliver(weak: &Weak<Pennymatic>, session_id: &str, url: &str) -> bool {
    let mut wait: Option<Duration> = None;
    loop {
        let Some(gateway) = weak.upgrade() else {
            return false;
        };
        if gateway.sessions().get(session_id).is_none() {
            return false;
        }
        let (initial, max) = (gateway.config.retry_initial, gateway.config.retry_max);
        let http = gateway.http.clone();
        drop(gateway);
        let acknowledged = match http.get(url).send().await {
            Ok(resp) if resp.status().is_success() => true,
            Ok(resp) => {
                tracing::debug!(session = session_id, status = %resp.status(), "consent refused");
                false
            }
            Err(e) => {
                // Without the URL: it holds the user token.
                tracing::debug!(session = session_id, "consent failed: {}", e.without_url());
                false
            }
        };
        match weak.upgrade() {
            Some(gateway) => gateway.sessions().attempted(session_id, acknowledged),
            None => return false,
        }
        if acknowledged {
            return true;
        }
        let next = wait.map_or(initial, |w| (w * 2).min(max));
        wait = Some(next);
        tokio::time::sleep(next).await;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn parameters_are_appended() {
        assert_eq!(
            super::url("http://localhost/callback", "t 1", "app", "s").unwrap(),
            "http://localhost/callback?usertoken=t+1&appId=app&sessionid=s"
        );
        assert_eq!(
            super::url("http://h/cb?counter=7", "t", "a", "s").unwrap(),
            "http://h/cb?counter=7&usertoken=t&appId=a&sessionid=s"
        );
    }
}
