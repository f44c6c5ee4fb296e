//! Files the bot sends (the coverage chart, exports), written to a folder so a person can open
//! them while the demo or sandbox runs. Each attachment is written once, however often its
//! message is shown (edits re-render it).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde_json::Value;

use crate::sandbox::Driver;

/// A folder the bot's attachments are written to.
#[derive(Debug)]
pub struct FileFolder {
    dir: PathBuf,
    /// Attachment id → where it was written.
    written: BTreeMap<u64, PathBuf>,
}

impl FileFolder {
    /// Uses `dir`, creating it (readable only by its user) if missing.
    pub fn at(dir: &Path) -> anyhow::Result<FileFolder> {
        create_private_dir(dir)
            .with_context(|| format!("creating the files folder {}", dir.display()))?;
        Ok(FileFolder {
            dir: dir.to_owned(),
            written: BTreeMap::new(),
        })
    }

    /// A fresh folder under the system temp dir, kept after exit so its files can be opened.
    pub fn fresh() -> anyhow::Result<FileFolder> {
        // tempfile creates it 0700; keep() stops it being removed with the process.
        let dir = tempfile::Builder::new()
            .prefix("mindlines-files-")
            .tempdir()
            .context("creating a files folder under the temp dir")?
            .keep();
        FileFolder::at(&dir)
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes an attachment (the JSON object from `MessageView::attachments`) unless it was
    /// already; returns its path.
    pub fn write(&mut self, driver: &Driver, attachment: &Value) -> anyhow::Result<PathBuf> {
        let id: u64 = attachment["id"]
            .as_str()
            .and_then(|id| id.parse().ok())
            .context("an attachment without an id")?;
        if let Some(path) = self.written.get(&id) {
            return Ok(path.clone());
        }
        let bytes = driver
            .attachment_bytes(id)
            .with_context(|| format!("attachment {id} is not in the workspace"))?;
        let name = safe_name(attachment["filename"].as_str().unwrap_or("file"));
        let path = self.free_path(&name);
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
        self.written.insert(id, path.clone());
        Ok(path)
    }

    /// `name`, or `stem-2.ext`, `stem-3.ext`… when an earlier file took it (a second export).
    fn free_path(&self, name: &str) -> PathBuf {
        let first = self.dir.join(name);
        if !first.exists() {
            return first;
        }
        let (stem, ext) = match name.rsplit_once('.') {
            Some((stem, ext)) => (stem, format!(".{ext}")),
            None => (name, String::new()),
        };
        (2..)
            .map(|n| self.dir.join(format!("{stem}-{n}{ext}")))
            .find(|p| !p.exists())
            .expect("some number is free")
    }
}

/// The bot names its files, but a name must never climb out of the folder.
fn safe_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    match base.trim_start_matches('.') {
        "" => "file".to_owned(),
        base => base.to_owned(),
    }
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_inside_the_folder() {
        assert_eq!(safe_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_name("coverage.png"), "coverage.png");
        assert_eq!(safe_name(".."), "file");
    }

    #[test]
    fn a_taken_name_gets_a_number() {
        let dir = tempfile::tempdir().unwrap();
        let folder = FileFolder::at(dir.path()).unwrap();
        std::fs::write(dir.path().join("export.md"), "x").unwrap();
        assert_eq!(
            folder.free_path("export.md"),
            dir.path().join("export-2.md")
        );
        assert_eq!(folder.free_path("new.csv"), dir.path().join("new.csv"));
    }
}
