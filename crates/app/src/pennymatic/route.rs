//! The consent's route: `GET /pennymatic/consent/<session secret>?usertoken=&appId=&sessionid=`.
//! The path's last segment is the secret that session alone was given (a wrong or missing one
//! is 401). What the inbox keeps is the session id and the app id; the user token is taken
//! aside, into memory, for the one charge it is given for.

use std::sync::Arc;

use axum::http::Method;
use ventanilla_core::pennymatic::{SessionId, UserToken};

use crate::pennymatic::gateway::UserTokens;
use crate::webhooks::auth::RouteAuth;
use crate::webhooks::route::{Accepted, Delivery, Malformed, WebhookRoute};

pub(crate) const SOURCE: &str = "pennymatic";
pub(crate) const PATH: &str = "/pennymatic/consent";

pub(crate) struct ConsentRoute {
    pub auth: RouteAuth,
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
