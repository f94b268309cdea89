//! View components; each reads `AppState` and changes the view through it.

pub mod audit;
pub mod chart_canvas;
pub mod chart_panel;
pub mod chips;
pub mod data_tools;
pub mod detail;
pub mod district_chart;
pub mod explorer;
pub mod measured_canvas;
pub mod filters;
pub mod header;
pub mod import_review;
pub mod list_loading;
pub mod list_picker;
pub mod list_search;
pub mod compare;
pub mod notices;
pub mod print_view;
pub mod programme;
pub mod programme_chart;
pub mod scatter_chart;
pub mod sector_chart;
pub mod table;
pub mod timeline_chart;
