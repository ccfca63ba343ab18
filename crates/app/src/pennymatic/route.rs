//! The consent's route: `GET /pennymatic/consent/<session secret>?usertoken=&appId=&sessionid=`.
//! The path's last segment is the secret that session alone was given (a wrong or missing one
//! is 401). What the inbox keeps is the session id and the app id; the user token is taken
//! aside, into memory, for the one charge it is given for.

use std::sync::Arc;

use axum::http::Method;
use ventanilla_core::pennymatic::{SessionId, UserToken};

use crate::pennymatic::gateway::UserTokens;
use crate::webhooks::auth::RouteAuth;
use crate::webhooks::known::KnownRefs;
use crate::webhooks::route::{Accepted, Delivery, Malformed, WebhookRoute};

pub(crate) const SOURCE: &str = "pennymatic";
pub(crate) const PATH: &str = "/pennymatic/consent";

pub(crate) struct ConsentRoute {
    pub auth: RouteAuth,
    pub sessions: Arc<KnownRefs>,
    pub tokens: Arc<UserTokens>,
}

impl WebhookRoute for ConsentRoute {
    fn source(&self) -> &'static str {
        SOURCE
    }

    fn path(&self) -> &'static str {
        PATH
    }

    fn auth(&self) -> &RouteAuth {
        &self.auth
    }

    fn method(&self) -> Method {
        Method::GET
    }

    fn accept(&self, delivery: &Delivery<'_>) -> Result<Accepted, Malformed> {
        let query = delivery
            .query
            .ok_or(Malformed("a consent without its fields"))?;
        let (mut user, mut app, mut session) = (None, None, None);
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            match key.as_ref() {
                "usertoken" => user = Some(value.into_owned()),
                "appId" => app = Some(value.into_owned()),
                "sessionid" => session = Some(value.into_owned()),
                _ => {}
            }
        }
        let session = session
            .and_then(|s| SessionId::new(&s).ok())
            .ok_or(Malformed("a consent without a session id"))?;
        if !self.sessions.contains(session.as_str()) {
            return Err(Malformed(
                "a consent for a session this counter never showed",
            ));
        }
        let user = user
            .and_then(|u| UserToken::new(&u).ok())
            .ok_or(Malformed("a consent without a user token"))?;
        let app = app.unwrap_or_default();
        if app.len() > 200 {
            return Err(Malformed("an app id too long"));
        }
        self.tokens.put(session.as_str(), user);
        let stored = serde_json::to_vec(&serde_json::json!({
            "sessionid": session.as_str(),
            "appId": app,
        }))
        .map_err(|_| Malformed("the consent cannot be kept"))?;
        Ok(Accepted {
            // One consent per session: a repeat is the same consent.
            delivery_key: Some(session.as_str().to_string()),
            stored,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;
    use std::sync::Arc;

    fn route(known: &[&str]) -> ConsentRoute {
        ConsentRoute {
            auth: RouteAuth::InPathAny(Arc::default()),
            sessions: Arc::new(KnownRefs::new(known.iter().map(|s| s.to_string()))),
            tokens: Arc::default(),
        }
    }

    fn consent(r: &ConsentRoute, query: &str) -> Result<Accepted, Malformed> {
        let headers = HeaderMap::new();
        r.accept(&Delivery {
            query: Some(query),
            headers: &headers,
            body: b"",
        })
    }

    #[test]
    fn a_consent_is_kept_without_its_token_and_only_for_a_session_shown() {
        let r = route(&["s-1"]);
        let kept = consent(&r, "usertoken=secret-token-1&appId=app&sessionid=s-1").unwrap();
        let stored = String::from_utf8(kept.stored).unwrap();
        assert!(
            stored.contains("s-1") && !stored.contains("secret-token-1"),
            "{stored}"
        );
        assert_eq!(kept.delivery_key.as_deref(), Some("s-1"));
        assert_eq!(
            r.tokens.take("s-1").map(|t| t.expose().to_string()),
            Some("secret-token-1".to_string()),
            "the token waits in memory for its one charge"
        );
        for forged in [
            "usertoken=t&appId=app&sessionid=s-2",
            "usertoken=t&appId=app",
            "appId=app&sessionid=s-1",
            "",
        ] {
            assert!(consent(&r, forged).is_err(), "{forged:?}");
        }
        assert!(
            r.tokens.take("s-2").is_none(),
            "nothing of a forged consent is kept"
        );
    }
}
