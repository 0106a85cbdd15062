//! Writing a map out for other tools and for paper.

pub mod card;
pub mod dot;
pub mod pdf;
pub mod png;
pub mod svg;
