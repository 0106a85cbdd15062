use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = orgmap::cli::Cli::parse();
    match orgmap::cli::run(cli) {
        Ok(code) => code,
        // The reader went away (`orgmap export … | head`): what it wanted it has; no error.
        Err(error) if closed_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => match error.downcast::<orgmap::cli::Coded>() {
            Ok(coded) => {
                eprintln!("error: {}", describe(&coded.error));
                ExitCode::from(coded.code)
            }
            Err(error) => {
                eprintln!("error: {}", describe(&error));
                ExitCode::FAILURE
            }
        },
    }
}

fn closed_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The error and its causes, each cause only when the text so far does not already say it
/// (most of orgmap's errors name their cause in their own message).
fn describe(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&cause);
        }
    }
    text
}
