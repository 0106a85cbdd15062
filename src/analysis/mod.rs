//! What the map's contents say when read together: pure functions over the model (no egui, no
//! files), shared by the app, the command line and the exports.

pub mod compose;
pub mod health;
pub mod overlap;
pub mod skills;
