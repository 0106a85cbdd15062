//! orgmap: draw an organisation as concentric rings of roles, and edit each role's living
//! job description. The layers are re-exported here; data flows file -> model -> layout ->
//! scene -> screen or export.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod diff;
pub mod edit;
pub mod export;
pub mod font;
pub mod format;
pub mod layout;
pub mod model;
pub mod scene;
pub mod screenshot;
pub mod ui;
