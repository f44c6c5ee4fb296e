//! Files only their owner may read: backups, key files and ledgers hold what the database
//! protects, so each is created new (an existing file is never replaced by accident) with mode
//! 0600 from the first byte, never widened and then narrowed.

use std::fs::File;
use std::path::Path;

/// Creates `path`, which must not exist, readable and writable by its owner only.
pub fn create_private_file(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}
