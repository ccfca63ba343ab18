//! Why a piece of a wallet payment was refused. Messages never repeat a token.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WalletError {
    #[error("the wallet session id is blank, longer than 100 characters or has spaces")]
    SessionId,
    #[error("the wallet address is not an http(s) address of at most 2000 characters")]
    Url,
    #[error("a transaction id is 64 hexadecimal characters")]
    TxId,
    #[error("the wallet's user token is blank")]
    UserToken,
}
