//! `qatysu`: the platform's one binary — serve it, try it with demo data, migrate and fill the
//! database, count PB elections. It speaks Kazakh, Russian or English (`QATYSU_LANG`, then
//! `LANG`; Kazakh by default): its help, its messages and its errors. The commands are in
//! `qatysu::cli`.

fn main() -> std::process::ExitCode {
    qatysu::cli::main()
}
