//! Connect sessions and the user tokens they mint, no I/O: a session waits for the customer's
//! consent until it expires; approved once, it mints a user token that stays connected until
//! the customer revokes it in the wallet. The gateway "never keeps user tokens" from the
//! operator's side; the sandbox, being the wallet as well, must, to answer `connected` and
//! `pay`, but never shows or logs them.

use chrono::{DateTime, Duration, Utc};
use ventanilla_core::Secret;

use super::ids;

/// Where a session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionState {
    /// Waiting for the customer's consent.
    Waiting,
    /// Not approved in time.
    Expired,
    /// Approved: its user token is connected.
    Approved,
    /// Approved, then disconnected by the customer: its user token no longer works.
    Revoked,
}

impl SessionState {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionState::Waiting => "waiting",
            SessionState::Expired => "expired",
            SessionState::Approved => "approved",
            SessionState::Revoked => "revoked",
        }
    }
}

/// How a session's consent deliveries went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Deliveries {
    /// Calls to the webhook, refused and failed ones included.
    pub attempted: u64,
    /// Calls answered 2xx.
    pub acknowledged: u64,
    /// Copies still to be acknowledged.
    pub queued: u64,
}

#[derive(Debug, Clone)]
pub struct Session {
    pub id: String,
    /// The operator's webhook, as given to `connect`.
    pub webhook: String,
    pub created: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    approved: bool,
    pub approved_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    user_token: Option<Secret>,
    pub deliveries: Deliveries,
}

impl Session {
    pub fn state(&self, now: DateTime<Utc>) -> SessionState {
        match (self.approved, self.revoked_at) {
            (true, Some(_)) => SessionState::Revoked,
            (true, None) => SessionState::Approved,
            (false, _) if now >= self.expires_at => SessionState::Expired,
            (false, _) => SessionState::Waiting,
        }
    }

    /// The user token, for the one place that sends it (the consent delivery).
    pub fn user_token(&self) -> Option<&Secret> {
        self.user_token.as_ref()
    }
}

/// Why an approval was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApproveError {
    NotFound,
    Expired,
    /// Approved before (or approved and revoked): a session connects once.
    AlreadyApproved(SessionState),
}

/// Why a revocation was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevokeError {
    NotFound,
    NotConnected(SessionState),
}

/// Every session, oldest first.
#[derive(Debug, Default)]
pub struct Sessions {
    list: Vec<Session>,
}

impl Sessions {
    pub fn list(&self) -> &[Session] {
        &self.list
    }

    pub fn get(&self, id: &str) -> Option<&Session> {
        self.list.iter().find(|s| s.id == id)
    }

    fn get_mut(&mut self, id: &str) -> Option<&mut Session> {
        self.list.iter_mut().find(|s| s.id == id)
    }

    /// A new session for `webhook`, waiting until `now + ttl`.
    pub fn open(&mut self, webhook: &str, now: DateTime<Utc>, ttl: std::time::Duration) -> Session {
        let ttl = Duration::from_std(ttl).unwrap_or(Duration::MAX);
        let session = Session {
            id: ids::uuid(),
            webhook: webhook.to_owned(),
            created: now,
            expires_at: now
                .checked_add_signed(ttl)
                .unwrap_or(DateTime::<Utc>::MAX_UTC),
            approved: false,
            approved_at: None,
            revoked_at: None,
            user_token: None,
            deliveries: Deliveries::default(),
        };
        self.list.push(session.clone());
        session
    }

    /// The customer consents: the session gets `token` (a fresh random one when `None`).
    pub fn approve(
        &mut self,
        id: &str,
        token: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<Session, ApproveError> {
        let session = self.get_mut(id).ok_or(ApproveError::NotFound)?;
        match session.state(now) {
            SessionState::Waiting => {}
            SessionState::Expired => return Err(ApproveError::Expired),
            other => return Err(ApproveError::AlreadyApproved(other)),
        }
        session.approved = true;
        session.approved_at = Some(now);
        session.user_token = Some(Secret::new(token.unwrap_or_else(|| ids::hex(32))));
        Ok(session.clone())
    }

    /// The customer disconnects the app in the wallet: the session's token stops working.
    pub fn revoke(&mut self, id: &str, now: DateTime<Utc>) -> Result<Session, RevokeError> {
        let session = self.get_mut(id).ok_or(RevokeError::NotFound)?;
        match session.state(now) {
            SessionState::Approved => {}
            other => return Err(RevokeError::NotConnected(other)),
        }
        session.revoked_at = Some(now);
        Ok(session.clone())
    }

    /// The connected session whose user token is `token`.
    pub fn connected(&self, token: &str, now: DateTime<Utc>) -> Option<&Session> {
        self.list.iter().find(|s| {
            s.state(now) == SessionState::Approved
                && s.user_token.as_ref().is_some_and(|t| t.expose() == token)
        })
    }

    /// `copies` more consent deliveries are on their way for the session `id`.
    pub fn queue(&mut self, id: &str, copies: u64) {
        if let Some(s) = self.get_mut(id) {
            s.deliveries.queued += copies;
        }
    }

    /// One consent delivery attempt for the session `id`, acknowledged (2xx) or not.
    pub fn attempted(&mut self, id: &str, acknowledged: bool) {
        if let Some(s) = self.get_mut(id) {
            s.deliveries.attempted += 1;
            if acknowledged {
                s.deliveries.acknowledged += 1;
                s.deliveries.queued = s.deliveries.queued.saturating_sub(1);
            }
        }
    }

    /// Forgets every session (their tokens stop working, their deliveries stop).
    pub fn reset(&mut self) {
        self.list.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_connects_once_and_can_be_revoked() {
        let mut book = Sessions::default();
        let now = Utc::now();
        let s = book.open("http://x/cb", now, std::time::Duration::from_secs(60));
        assert_eq!(s.state(now), SessionState::Waiting);
        let approved = book.approve(&s.id, Some("tok".into()), now).unwrap();
        assert_eq!(approved.user_token().unwrap().expose(), "tok");
        assert!(!format!("{approved:?}").contains("\"tok\""));
        assert_eq!(
            book.approve(&s.id, None, now).unwrap_err(),
            ApproveError::AlreadyApproved(SessionState::Approved)
        );
        assert!(book.connected("tok", now).is_some());
        assert!(book.connected("other", now).is_none());
        book.revoke(&s.id, now).unwrap();
        assert!(book.connected("tok", now).is_none());
        assert_eq!(
            book.revoke(&s.id, now).unwrap_err(),
            RevokeError::NotConnected(SessionState::Revoked)
        );
        assert_eq!(
            book.approve("nope", None, now).unwrap_err(),
            ApproveError::NotFound
        );
    }

    #[test]
    fn a_session_expires_unless_approved() {
        let mut book = Sessions::default();
        let now = Utc::now();
        let s = book.open("http://x/cb", now, std::time::Duration::from_secs(1));
        let later = now + Duration::seconds(1);
        assert_eq!(book.get(&s.id).unwrap().state(later), SessionState::Expired);
        assert_eq!(
            book.approve(&s.id, None, later).unwrap_err(),
            ApproveError::Expired
        );
        let t = book.open("http://x/cb", now, std::time::Duration::from_secs(1));
        let approved = book.approve(&t.id, None, now).unwrap();
        assert_eq!(approved.user_token().unwrap().expose().len(), 64);
        assert_eq!(
            approved.state(later),
            SessionState::Approved,
            "a connection does not expire"
        );
    }
}
