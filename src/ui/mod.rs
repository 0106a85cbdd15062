//! Everything drawn with egui: the canvas, the inspector, menus, dialogs and the legend.
//! Panels read the model and return what they want changed; they never write to it.

pub mod canvas;
pub mod compare_panel;
pub mod compose_dialog;
pub mod context_menu;
pub mod dialogs;
pub mod export_dialog;
pub mod health;
pub mod hit;
pub mod import_dialog;
pub mod inspector;
pub mod legend;
pub mod menus;
pub mod outline;
pub mod paint;
pub mod people;
pub mod present;
pub mod selection;
pub mod skills;
pub mod skills_matrix;
pub mod structure;
pub mod view;
