//! An answer as it came: status and body, read in full before anything decides what it means.

/// Status and body of an answer.
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}
