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

/// Photos are kept at most this many pixels on their long side: enough for any screen, and a
/// photo re-encoded this small loads on a village's mobile link (security review M6).
pub const PHOTO_MAX_SIDE: u32 = 2048;
/// A photo whose header declares more pixels than this is refused before it is decoded: a
/// file of a few kilobytes can declare a picture that would need gigabytes (a "decompression
/// bomb"). 50 megapixels is more than any phone camera takes.
pub const PHOTO_MAX_PIXELS: u64 = 50_000_000;
/// … and so is a photo longer than this on either side.
pub const PHOTO_MAX_DECLARED_SIDE: u32 = 20_000;

/// May a photo whose header declares `width` × `height` pixels be decoded at all?
pub fn declared_size_allowed(width: u32, height: u32) -> bool {
    width > 0
        && height > 0
        && width <= PHOTO_MAX_DECLARED_SIDE
        && height <= PHOTO_MAX_DECLARED_SIDE
        && u64::from(width) * u64::from(height) <= PHOTO_MAX_PIXELS
}

/// The size a photo of `width` × `height` is kept at: the same shape, at most
/// [`PHOTO_MAX_SIDE`] on its long side (a smaller photo is not enlarged).
pub fn kept_size(width: u32, height: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= PHOTO_MAX_SIDE {
        return (width, height);
    }
    let scale = |side: u32| {
        let scaled =
            (u64::from(side) * u64::from(PHOTO_MAX_SIDE) + u64::from(long) / 2) / u64::from(long);
        u32::try_from(scaled).unwrap_or(PHOTO_MAX_SIDE).max(1)
    };
    (scale(width), scale(height))
}

/// The folders of `DATA/uploads/`, one per kind of record that has files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    /// Photos of PB proposals.
    PbPhotos,
    /// Photos of land reports.
    Land,
    /// Documents and photos of funded projects, and photos of monitoring reports.
    Projects,
    /// Documents and photos attached to initiatives.
    Initiatives,
}

impl Folder {
    pub const ALL: [Folder; 4] = [
        Folder::PbPhotos,
        Folder::Land,
        Folder::Projects,
        Folder::Initiatives,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Folder::PbPhotos => "pb-photos",
            Folder::Land => "land",
            Folder::Projects => "projects",
            Folder::Initiatives => "initiatives",
        }
    }
}

/// Is a stored file of this type a photo (re-encoded, so it carries no metadata)?
pub fn is_photo(content_type: &str) -> bool {
    matches!(content_type, "image/jpeg" | "image/png")
}

/// The name a stored file is sent under (`Content-Disposition`): made from its id and type,
/// never the name it was uploaded with, which can name the person who took it
/// (`IMG_20261201_AibekTestov_home.jpg`).
pub fn download_name(content_type: &str, id: &str) -> String {
    let (kind, extension) = match content_type {
        "image/jpeg" => ("photo", "jpg"),
        "image/png" => ("photo", "png"),
        "application/pdf" => ("document", "pdf"),
        _ => ("file", "bin"),
    };
    let id: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    format!("{kind}-{id}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_sizes_above_the_limits_are_refused() {
        assert!(declared_size_allowed(8160, 6120)); // a 50-megapixel phone camera
        assert!(declared_size_allowed(1, 1));
        assert!(!declared_size_allowed(0, 10));
        assert!(!declared_size_allowed(100_000, 100_000));
        assert!(!declared_size_allowed(20_001, 10));
        assert!(!declared_size_allowed(10_000, 5_001)); // 50.01 megapixels
    }

    #[test]
    fn photos_keep_their_shape_within_the_long_side() {
        assert_eq!(kept_size(3000, 1000), (2048, 683));
        assert_eq!(kept_size(1000, 3000), (683, 2048));
        assert_eq!(kept_size(2048, 2048), (2048, 2048));
        assert_eq!(kept_size(640, 480), (640, 480));
        assert_eq!(kept_size(20_000, 1), (2048, 1));
    }

    #[test]
    fn files_are_sent_under_generated_names() {
        let id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
        assert_eq!(download_name("image/jpeg", id), format!("photo-{id}.jpg"));
        assert_eq!(download_name("image/png", id), format!("photo-{id}.png"));
        assert_eq!(
            download_name("application/pdf", id),
            format!("document-{id}.pdf")
        );
        assert_eq!(download_name("image/png", "a\"b;c"), "photo-abc.png");
        assert!(is_photo("image/png") && !is_photo("application/pdf"));
    }
}
