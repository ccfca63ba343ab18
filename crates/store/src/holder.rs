//! Who holds a journal. Its own file because both the lock (which reads it) and the error
//! (which carries it) need it, and neither may import the other.

/// Who holds a journal: what the lock file says about its owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub pid: Option<u32>,
    pub program: String,
    pub since: String,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.pid {
            Some(pid) => write!(f, "{} (pid {pid}, since {})", self.program, self.since),
            None => f.write_str("another program"),
        }
    }
}
