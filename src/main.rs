use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = orgmap::cli::Cli::parse();
    match orgmap::cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
