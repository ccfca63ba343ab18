//! Seconds since the run began, in front of every progress line.

#[derive(Debug, Clone, Copy)]
pub struct Clock(std::time::Instant);

impl Clock {
    pub fn start() -> Clock {
        Clock(std::time::Instant::now())
    }

    pub fn say(&self, what: impl std::fmt::Display) {
        println!("[{:7.1}s] {what}", self.0.elapsed().as_secs_f32());
    }
}
