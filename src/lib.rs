//! Tongliao major-projects explorer. `core` is pure and tested natively;
//! `charts` draws on any plotters backend; `app` is the browser shell.

pub mod charts;
pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod app;
