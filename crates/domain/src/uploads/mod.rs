//! How many files each capability takes and how large they may be. One table, so a limit is
//! changed in one place and every page that states it says the same.

/// The most files one record holds, and the largest file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadLimits {
    pub files: usize,
    pub bytes: usize,
}

/// 5 MB: a phone photo or a scanned page, small enough for a village's mobile link.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

/// Photos on a PB proposal (ХҚБ ұсынысы / предложение БНУ).
pub const PB_PHOTOS: UploadLimits = UploadLimits {
    files: 4,
    bytes: MAX_BYTES,
};
/// Photos with a monitoring report on a funded project.
pub const MONITORING_PHOTOS: UploadLimits = UploadLimits {
    files: 3,
    bytes: MAX_BYTES,
};
/// Photos with a land report.
pub const LAND_PHOTOS: UploadLimits = UploadLimits {
    files: 5,
    bytes: MAX_BYTES,
};
/// PDFs and photos attached to a civic initiative.
pub const INITIATIVE_ATTACHMENTS: UploadLimits = UploadLimits {
    files: 5,
    bytes: MAX_BYTES,
};
/// Documents and photos of a project's implementation (each file; no count limit).
pub const PROJECT_FILE_BYTES: usize = MAX_BYTES;
