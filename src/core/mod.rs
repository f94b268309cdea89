//! The pure core: no web-sys, everything here is tested natively.

pub mod aggregate;
pub mod audit;
pub mod chart_data;
pub mod dataset;
pub mod describe;
pub mod filter;
pub mod format;
pub mod i18n;
pub mod model;
pub mod pinyin;
pub mod printed;
pub mod query;
pub mod search;
pub mod sort;
pub mod validate;
pub mod changelog;
pub mod compare;
pub mod lists;
pub mod cite;
pub mod export;
pub mod gbt4754;
pub mod hash;
pub mod import;
pub mod virtual_rows;
pub mod packed;
pub mod packed_index;
