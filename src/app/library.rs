//! Loading the prompt library from its folder. Reading files is the only I/O here; the rules
//! live in `domain::library`.

use std::path::Path;

use crate::config::Config;
use crate::domain::schedule::BankHolidays;

use crate::domain::library::{Problem, PromptLibrary, SourceFile, check_library};

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
    let wellbeing = read_file(&dir.join("wellbeing.toml"));
    match wellbeing {
        Ok(wellbeing) if problems.is_empty() => check_library(&files, &wellbeing),
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
    paths
        .into_iter()
        .map(|path| {
            let name = path.display().to_string();
            std::fs::read_to_string(&path)
                .map(|text| SourceFile {
                    name: name.clone(),
                    text,
                })
                .map_err(|e| Problem::new(&name, 0, format!("cannot read the file: {e}")))
        })
        .collect()
}

/// The library from `prompts.dir` with the deployment's local wellbeing contacts applied: what
/// the bot runs with. Problems in the files are counted in the error; `prompts check` lists them.
pub fn configured_library(config: &Config) -> anyhow::Result<PromptLibrary> {
    let dir = &config.prompts.dir;
    let mut library = load_library(dir).map_err(|problems| {
        anyhow::anyhow!(
            "the prompt library at {} has {} problem(s); run `mindlines prompts check` to see them",
            dir.display(),
            problems.len()
        )
    })?;
    if let Some(wellbeing) = library.wellbeing_mut() {
        let contacts = [
            (
                "supervisor",
                "supervisor_contact",
                &config.wellbeing.supervisor_contact,
            ),
            (
                "wellbeing-lead",
                "wellbeing_lead_contact",
                &config.wellbeing.wellbeing_lead_contact,
            ),
        ];
        for (id, key, contact) in contacts {
            wellbeing
                .set_resource_contact(id, contact.trim())
                .map_err(|e| anyhow::anyhow!("setting wellbeing.{key}: {e}"))?;
        }
    }
    Ok(library)
}

/// The bank holidays: the shipped lists, or the file `calendar.bank_holidays_file` names.
pub fn configured_holidays(config: &Config) -> anyhow::Result<BankHolidays> {
    let path = config.calendar.bank_holidays_file.trim();
    if path.is_empty() {
        return Ok(BankHolidays::shipped());
    }
    let text =
        std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("cannot read {path}: {e}"))?;
    BankHolidays::from_toml(&text).map_err(|e| anyhow::anyhow!("{path}: {e}"))
}
