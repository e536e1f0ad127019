//! The `msgrisk` command: scan messages, explain a score, check rule files,
//! list rules.
//!
//! Results go to stdout, one JSON object per line; errors go to stderr with a
//! non-zero exit. Message text is written only when asked (`--with-text`,
//! `explain`).

mod check;
mod conversations;
mod eval;
mod json;
mod metrics;
mod pan12;
mod scan;
mod timestamp;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use msgrisk::Classifier;

/// Scores chat messages for grooming, exploitation recruitment and
/// sextortion risk (Dutch and English).
#[derive(Parser)]
#[command(name = "msgrisk", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Score messages: plain text lines or JSONL objects with a `text` field;
    /// with --conversations, whole conversations.
    Scan(scan::ScanArgs),
    /// Measure the rules on labeled data: precision, recall, F1, F0.5, FPR.
    Eval(eval::EvalArgs),
    /// Explain, for people, why a message scores as it does.
    Explain {
        /// The message.
        message: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Validate rule files and run their examples.
    Check {
        /// Rule files to check (with the defaults loaded too, for id clashes,
        /// unless --no-defaults).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Check only these files, without the embedded defaults.
        #[arg(long)]
        no_defaults: bool,
    },
    /// List the loaded rules: id, category, language, weight.
    Rules {
        #[command(flatten)]
        rules: RuleArgs,
    },
}

/// Which rules to load.
#[derive(Args, Clone, Default)]
pub(crate) struct RuleArgs {
    /// A rule file to load besides the defaults (repeatable).
    #[arg(long = "rules", value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Leave out the embedded default rule sets.
    #[arg(long)]
    pub no_defaults: bool,
}

impl RuleArgs {
    pub(crate) fn classifier(&self) -> Result<Classifier, msgrisk::Error> {
        let mut b = Classifier::builder().defaults(!self.no_defaults);
        for f in &self.files {
            b = b.add_file(f);
        }
        b.build()
    }
}

/// Runs `write` on a locked, buffered stdout. A reader that goes away
/// (`msgrisk rules | head`) ends the command quietly, not with a panic.
pub(crate) fn write_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<ExitCode, String> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(format!("writing results: {e}")),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(args) => scan::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Explain { message, rules } => rules
            .classifier()
            .map_err(|e| e.to_string())
            .and_then(|c| write_stdout(|out| writeln!(out, "{}", c.explain(&message)))),
        Command::Check { files, no_defaults } => check::run(&files, no_defaults),
        Command::Rules { rules } => rules.classifier().map_err(|e| e.to_string()).and_then(|c| {
            write_stdout(|out| {
                for r in c.rules() {
                    writeln!(out, "{}\t{}\t{}\t{:.2}", r.id, r.category, r.lang, r.weight)?;
                }
                Ok(())
            })
        }),
    };
    match result {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("msgrisk: {msg}");
            ExitCode::from(2)
        }
    }
}
