//! `qatysu`: the platform's one binary — serve it, try it with demo data, migrate and fill the
//! database, count PB elections. The commands are in `qatysu::cli`.

fn main() -> std::process::ExitCode {
    qatysu::cli::main()
}
