//! Python bindings (issue 6).
