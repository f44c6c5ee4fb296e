//! Loading the prompt library: the copy compiled into the binary, or a folder that replaces it
//! (`prompts.dir`). Reading files is the only I/O here; the rules live in `domain::library`.
//!
//! The shipped library is embedded so that an installed binary works from any directory; an
//! admin who edits prompts points `prompts.dir` (or `prompts check DIR`) at their folder.

use std::fmt;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::config::{Config, WellbeingConfig};
use crate::domain::case::check_case_templates;
use crate::domain::library::{Problem, PromptLibrary, SourceFile, check_library};
use crate::domain::schedule::BankHolidays;

/// The shipped `prompts/` folder, compiled in.
static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/prompts");

/// Where a prompt library comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibrarySource {
    /// The library shipped inside the binary.
    Embedded,
    /// A folder with `domains/`, `themes/` and `wellbeing.toml`.
    Folder(PathBuf),
}

impl LibrarySource {
    /// The folder if one is named (a blank setting means the embedded library).
    pub fn from_setting(dir: &Path) -> LibrarySource {
        if dir.as_os_str().is_empty() {
            LibrarySource::Embedded
        } else {
            LibrarySource::Folder(dir.to_owned())
        }
    }

    /// The source the bot uses with these settings.
    pub fn configured(config: &Config) -> LibrarySource {
        LibrarySource::from_setting(&config.prompts.dir)
    }

    /// Reads and checks the whole library.
    pub fn load(&self) -> Result<PromptLibrary, Vec<Problem>> {
        match self {
            LibrarySource::Embedded => load_embedded(),
            LibrarySource::Folder(dir) => load_library(dir),
        }
    }
}

impl fmt::Display for LibrarySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LibrarySource::Embedded => f.write_str("the library built into mindlines"),
            LibrarySource::Folder(dir) => write!(f, "the folder {}", dir.display()),
        }
    }
}

fn load_embedded() -> Result<PromptLibrary, Vec<Problem>> {
    let mut files = Vec::new();
    for folder in ["domains", "themes"] {
        let Some(dir) = EMBEDDED.get_dir(folder) else {
            continue;
        };
        let mut found: Vec<_> = dir
            .files()
            .filter(|f| f.path().extension().is_some_and(|ext| ext == "toml"))
            .collect();
        found.sort_by_key(|f| f.path());
        files.extend(found.into_iter().map(embedded_source));
    }
    let wellbeing = EMBEDDED
        .get_file("wellbeing.toml")
        .map(embedded_source)
        .ok_or_else(|| vec![Problem::new("(embedded) wellbeing.toml", 0, "missing")])?;
    let mut cases: Vec<_> = EMBEDDED
        .get_dir("cases")
        .map(|dir| {
            dir.files()
                .filter(|f| f.path().extension().is_some_and(|ext| ext == "toml"))
                .collect()
        })
        .unwrap_or_default();
    cases.sort_by_key(|f| f.path());
    let cases: Vec<SourceFile> = cases.into_iter().map(embedded_source).collect();
    with_cases(check_library(&files, &wellbeing), &cases)
}

/// The library with its case templates, or every problem in either.
fn with_cases(
    library: Result<PromptLibrary, Vec<Problem>>,
    case_files: &[SourceFile],
) -> Result<PromptLibrary, Vec<Problem>> {
    match (library, check_case_templates(case_files)) {
        (Ok(library), Ok(templates)) => Ok(library.with_case_templates(templates)),
        (library, templates) => {
            let mut problems = library.err().unwrap_or_default();
            problems.extend(templates.err().unwrap_or_default());
            problems.sort();
            Err(problems)
        }
    }
}

fn embedded_source(file: &include_dir::File<'_>) -> SourceFile {
    SourceFile {
        name: format!("(embedded) prompts/{}", file.path().display()),
        text: file.contents_utf8().unwrap_or_default().to_owned(),
    }
}

/// Reads `dir/domains/*.toml`, `dir/themes/*.toml` and `dir/wellbeing.toml` and checks the
/// whole library.
pub fn load_library(dir: &Path) -> Result<PromptLibrary, Vec<Problem>> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for folder in ["domains", "themes"] {
        match read_toml_files(&dir.join(folder)) {
            Ok(mut found) => files.append(&mut found),
            Err(problem) => problems.push(problem),
        }
    }
    // Case templates are optional in a folder of one's own: without `cases/`, /case start
    // says there are none.
    let cases_dir = dir.join("cases");
    let cases = if cases_dir.is_dir() {
        match read_toml_files(&cases_dir) {
            Ok(found) => found,
            Err(problem) => {
                problems.push(problem);
                Vec::new()
            }
        }
    } else {
        Vec::new()
    };
    let wellbeing = read_file(&dir.join("wellbeing.toml"));
    match wellbeing {
        Ok(wellbeing) if problems.is_empty() => {
            with_cases(check_library(&files, &wellbeing), &cases)
        }
        Ok(_) => Err(problems),
        Err(problem) => {
            problems.push(problem);
            Err(problems)
        }
    }
}

fn read_file(path: &Path) -> Result<SourceFile, Problem> {
    let name = path.display().to_string();
    std::fs::read_to_string(path)
        .map(|text| SourceFile {
            name: name.clone(),
            text,
        })
        .map_err(|e| Problem::new(&name, 0, format!("cannot read the file: {e}")))
}

fn read_toml_files(folder: &Path) -> Result<Vec<SourceFile>, Problem> {
    let name = folder.display().to_string();
    let entries = std::fs::read_dir(folder)
        .map_err(|e| Problem::new(&name, 0, format!("cannot read the folder: {e}")))?;
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    paths.iter().map(|path| read_file(path)).collect()
}

/// The configured library (embedded, or `prompts.dir`) with the deployment's local wellbeing
/// contacts applied: what the bot runs with. Problems in the files are counted in the error;
/// `prompts check` lists them.
pub fn configured_library(config: &Config) -> anyhow::Result<PromptLibrary> {
    let source = LibrarySource::configured(config);
    let mut library = source.load().map_err(|problems| {
        anyhow::anyhow!(
            "the prompt library ({source}) has {} problem(s); run `mindlines prompts check` to see them",
            problems.len()
        )
    })?;
    apply_local_contacts(&mut library, &config.wellbeing)?;
    Ok(library)
}

/// Adds the deployment's supervisor and wellbeing-lead contacts to the signposting.
fn apply_local_contacts(
    library: &mut PromptLibrary,
    settings: &WellbeingConfig,
) -> anyhow::Result<()> {
    let Some(wellbeing) = library.wellbeing_mut() else {
        return Ok(());
    };
    let contacts = [
        (
            "supervisor",
            "supervisor_contact",
            &settings.supervisor_contact,
        ),
        (
            "wellbeing-lead",
            "wellbeing_lead_contact",
            &settings.wellbeing_lead_contact,
        ),
    ];
    for (id, key, contact) in contacts {
        wellbeing
            .set_resource_contact(id, contact.trim())
            .map_err(|e| anyhow::anyhow!("setting wellbeing.{key}: {e}"))?;
    }
    Ok(())
}

/// The bank holidays: the shipped lists, or the file `calendar.bank_holidays_file` names.
pub fn configured_holidays(config: &Config) -> anyhow::Result<BankHolidays> {
    let path = config.calendar.bank_holidays_file.trim();
    if path.is_empty() {
        return Ok(BankHolidays::shipped());
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("calendar.bank_holidays_file: cannot read {path}: {e}"))?;
    BankHolidays::from_toml(&text)
        .map_err(|e| anyhow::anyhow!("calendar.bank_holidays_file: {path}: {e}"))
}
