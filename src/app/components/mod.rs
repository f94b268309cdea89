//! View components; each reads `AppState` and changes the view through it.

pub mod audit;
pub mod chart_canvas;
pub mod detail;
pub mod explorer;
pub mod filters;
pub mod header;
pub mod notices;
pub mod programme;
pub mod sector_chart;
pub mod table;
