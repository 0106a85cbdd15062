//! Reading and writing org map files (FORMAT.md): RON with errors at line:col, a canonical
//! pretty writer, and atomic saves.

mod error;
pub mod git;
mod read;
pub mod scan;
pub mod table;
mod write;

pub use error::{LoadError, Problem, SaveError};
pub use read::{MAX_FILE_BYTES, from_bytes, from_str, load, read_file};
pub use write::{save, to_string, write_atomically, write_atomically_with};
