//! Helpers for driving the real Ventanilla window; the tests live in `tests/`.
