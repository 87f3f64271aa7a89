use thiserror::Error;

/// Why a `.pb` file was refused. Every variant tied to a place in the file names its line
/// (1-based), so a coordinator can open the file and fix it.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("cannot read {path}: {error}")]
    Io { path: String, error: std::io::Error },
    #[error("the file is not UTF-8 text (first bad byte at line {line})")]
    NotUtf8 { line: usize },
    #[error("line {line}: a quoted field is not closed")]
    UnclosedQuote { line: usize },
    #[error("line {line}: data before the first section (META, PROJECTS or VOTES)")]
    OutsideSection { line: usize },
    #[error("the {section} section is missing")]
    MissingSection { section: &'static str },
    #[error("line {line}: the {section} section appears twice")]
    RepeatedSection { line: usize, section: &'static str },
    #[error("line {line}: section {found} comes before {expected}")]
    SectionOrder {
        line: usize,
        found: &'static str,
        expected: &'static str,
    },
    #[error("line {line}: the {section} section has no header row")]
    MissingHeader { line: usize, section: &'static str },
    #[error("line {line}: the {section} header has no `{column}` column")]
    MissingColumn {
        line: usize,
        section: &'static str,
        column: &'static str,
    },
    #[error("line {line}: META row `{key}` has no value")]
    MetaWithoutValue { line: usize, key: String },
    #[error("META has no `{key}`")]
    MissingMeta { key: &'static str },
    #[error("line {line}: unknown vote_type `{value}` (expected approval, choose-1, ordinal, cumulative or scoring)")]
    UnknownVoteType { line: usize, value: String },
    #[error("line {line}: {field} `{value}` is not a number")]
    NotANumber {
        line: usize,
        field: &'static str,
        value: String,
    },
    #[error("line {line}: {field} `{value}` is negative")]
    Negative {
        line: usize,
        field: &'static str,
        value: String,
    },
    #[error("line {line}: {field} `{value}` is too large or has too many decimals")]
    OutOfRange {
        line: usize,
        field: &'static str,
        value: String,
    },
    #[error("line {line}: row has {found} cells, the header has {expected}")]
    ShortRow {
        line: usize,
        found: usize,
        expected: usize,
    },
    #[error("line {line}: project `{id}` is listed twice (first at line {first})")]
    DuplicateProject {
        line: usize,
        id: String,
        first: usize,
    },
    #[error("line {line}: empty project_id")]
    EmptyProjectId { line: usize },
    #[error("line {line}: voter `{voter}` votes for `{project}`, which is not in PROJECTS")]
    UnknownProject {
        line: usize,
        voter: String,
        project: String,
    },
    #[error("line {line}: voter `{voter}` gives points, but vote_type is {vote_type}")]
    PointsOnApproval {
        line: usize,
        voter: String,
        vote_type: &'static str,
    },
    #[error("line {line}: voter `{voter}` lists {projects} projects but {points} points")]
    PointsMismatch {
        line: usize,
        voter: String,
        projects: usize,
        points: usize,
    },
    #[error("line {line}: choose-1 voter `{voter}` chose {count} projects")]
    NotChooseOne {
        line: usize,
        voter: String,
        count: usize,
    },
    #[error("too many voters or votes for this reader (line {line})")]
    TooLarge { line: usize },
}
