//! Loading a list as a region publishes it: an Excel workbook or a CSV (UTF-8, UTF-16 or
//! GBK), one row per project under Chinese or English headers, with title rows, sections
//! and subtotals. One pure step per file:
//! - `grid`: bytes → a grid of cells;
//! - `rows`: find the header and classify the rows;
//! - `columns`: map the columns to fields, with the unit;
//! - `assemble`: build the dataset and the review the reader confirms;
//! - validation is the dataset's own (`validate.rs`).
//!
//! `long_format` reads our own long-format CSV and dataset JSON, as before. The import
//! worker (`src/importer.rs`) is a thin shell over `analyse`.

pub mod assemble;
pub mod columns;
pub mod grid;
pub mod long_format;
pub mod review_html;
pub mod rows;
pub mod values;

use serde::{Deserialize, Serialize};

pub use assemble::{analyse, Choices, Review};

use super::i18n::{fill_named, import_words};
use super::model::Lang;

/// Largest file the importer reads, checked before a byte is parsed.
pub const MAX_IMPORT_BYTES: usize = 30 * 1024 * 1024;

/// Why a file could not be read at all. Problems inside a readable list are in the review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ImportError {
    Empty,
    TooLarge { bytes: usize, limit: usize },
    /// Neither a workbook nor text: binary junk, or an encoding that is none of ours.
    NotText,
    Password,
    Corrupt(String),
    /// No sheet has a row that names the project column and one more.
    NoHeader,
}

impl ImportError {
    pub fn message(&self, lang: Lang) -> String {
        let w = import_words(lang);
        match self {
            ImportError::Empty => w.empty.to_string(),
            ImportError::TooLarge { bytes, limit } => fill_named(
                w.too_large,
                &[("size", format!("{:.1}", *bytes as f64 / 1_048_576.0)), ("limit", (limit / 1_048_576).to_string())],
            ),
            ImportError::NotText => w.not_text.to_string(),
            ImportError::Password => w.password.to_string(),
            ImportError::Corrupt(detail) => fill_named(w.corrupt, &[("detail", detail.chars().take(120).collect())]),
            ImportError::NoHeader => w.no_header.to_string(),
        }
    }
}
