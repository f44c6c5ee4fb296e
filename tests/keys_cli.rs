//! `mindlines keys` as an admin runs it, on a real SQLite file holding a real reflection: the
//! reflection written through the sandbox is readable after each rotation, the retired key is
//! kept and refused, a rotation that stopped before its rename is named, and `keys generate`
//! never replaces a file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Words only the reflection holds, to find it in the export.
const REFLECTION: &str = "I kept a short note of what matters to the people I see often.";

struct Deployment {
    dir: tempfile::TempDir,
}

impl Deployment {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("mindlines.db")
    }

    fn url(&self) -> String {
        format!("sqlite://{}", self.db().display())
    }

    fn key_file(&self) -> PathBuf {
        self.dir.path().join("mindlines.db.key")
    }

    /// Runs mindlines against this deployment's database, with `key_file` as
    /// `security.master_key_file` when given.
    fn run(&self, args: &[&str], key_file: Option<&Path>) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_mindlines"));
        command
            .args(args)
            .current_dir(self.dir.path())
            .env("MINDLINES_DATABASE_URL", self.url())
            .env_remove("MINDLINES_SECURITY_MASTER_KEY_FILE")
            .env_remove("MINDLINES_DISCORD_TOKEN");
        if let Some(key) = key_file {
            command.env("MINDLINES_SECURITY_MASTER_KEY_FILE", key);
        }
        command.output().expect("mindlines runs")
    }

    fn ok(&self, args: &[&str], key_file: Option<&Path>) -> String {
        let output = self.run(args, key_file);
        assert!(
            output.status.success(),
            "mindlines {args:?} failed:\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn refused(&self, args: &[&str], key_file: Option<&Path>) -> String {
        let output = self.run(args, key_file);
        assert!(
            !output.status.success(),
            "mindlines {args:?} should have failed"
        );
        String::from_utf8_lossy(&output.stderr).into_owned()
    }

    /// Alice answers her Tuesday prompt through the form, in the sandbox, on this database (the
    /// sandbox keeps its data where `MINDLINES_DATABASE_URL` says).
    fn alice_reflects(&self) {
        let script = self.dir.path().join("reflect.sandbox");
        std::fs::write(
            &script,
            format!(
                "/time +1d\n/time +2h\n/click Reflect\n{REFLECTION}\nNot having to tell \
                 their story again.\nBefore I rotate I'll hand over what matters.\n/expect \
                 Saved to your evidence\n"
            ),
        )
        .expect("script written");
        let files = self.dir.path().join("files");
        self.ok(
            &[
                "sandbox",
                "--strict",
                "--script",
                script.to_str().expect("utf-8 path"),
                "--files",
                files.to_str().expect("utf-8 path"),
            ],
            None,
        );
    }

    fn alice_id(&self, key_file: Option<&Path>) -> String {
        let roster = self.ok(&["roster", "list"], key_file);
        roster
            .lines()
            .find(|line| line.contains("Alice"))
            .and_then(|line| {
                line.split_whitespace()
                    .find(|word| word.parse::<u64>().is_ok())
            })
            .unwrap_or_else(|| panic!("no id for Alice in:\n{roster}"))
            .to_owned()
    }

    /// Alice's evidence as Markdown, read (and so unsealed) by the command line.
    fn export(&self, alice: &str, key_file: Option<&Path>) -> String {
        self.ok(&["export", "--member", alice, "--format", "md"], key_file)
    }
}

fn key_id(text: &str) -> String {
    // "master key 1a2b… → 3c4d…" is how rotate reports the two fingerprints.
    text.split("master key ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no fingerprint in: {text}"))
        .to_owned()
}

#[test]
fn rotation_keeps_the_reflection_readable_and_the_old_key_is_refused() {
    let deployment = Deployment::new();
    deployment.alice_reflects();
    assert!(
        deployment.key_file().exists(),
        "first start creates the key"
    );
    let alice = deployment.alice_id(None);
    assert!(deployment.export(&alice, None).contains(REFLECTION));
    let first_key = std::fs::read(deployment.key_file()).expect("key");

    let rotated = deployment.ok(&["keys", "rotate"], None);
    assert!(rotated.contains("Re-wrapped"), "{rotated}");
    let old_id = key_id(&rotated);
    let retired = deployment
        .dir
        .path()
        .join(format!("mindlines.db.key.retired-{old_id}"));
    assert_eq!(
        std::fs::read(&retired).expect("old key kept"),
        first_key,
        "the retired file is the old key"
    );
    assert_ne!(
        std::fs::read(deployment.key_file()).expect("key"),
        first_key
    );
    assert!(
        !deployment.dir.path().join("mindlines.db.key.new").exists(),
        "the staged key was moved into place"
    );
    assert!(deployment.export(&alice, None).contains(REFLECTION));

    let refused = deployment.refused(&["roster", "list"], Some(&retired));
    assert!(
        refused.contains("does not match this database"),
        "{refused}"
    );
    assert!(
        refused.contains(&old_id),
        "names the key it was given: {refused}"
    );
    assert!(!refused.contains(REFLECTION));

    // Rotating to a named file leaves the current one in place until the setting changes.
    let named = deployment.dir.path().join("next.key");
    let rotated = deployment.ok(
        &[
            "keys",
            "rotate",
            "--new-key-file",
            named.to_str().expect("utf-8"),
        ],
        None,
    );
    assert!(
        rotated.contains("set security.master_key_file"),
        "{rotated}"
    );
    assert!(deployment.export(&alice, Some(&named)).contains(REFLECTION));
    let refused = deployment.refused(&["roster", "list"], None);
    assert!(
        refused.contains("does not match this database"),
        "{refused}"
    );
}

#[test]
fn a_rotation_stopped_before_its_rename_names_the_staged_key() {
    let deployment = Deployment::new();
    deployment.alice_reflects();
    let alice = deployment.alice_id(None);
    let old_key = std::fs::read(deployment.key_file()).expect("key");
    deployment.ok(&["keys", "rotate"], None);
    // Put the files back as a crash between the commit and the renames leaves them: the old
    // key still in place, the new one staged beside it.
    let staged = deployment.dir.path().join("mindlines.db.key.new");
    std::fs::rename(deployment.key_file(), &staged).expect("staged");
    std::fs::write(deployment.key_file(), &old_key).expect("old key back");

    let refused = deployment.refused(&["roster", "list"], None);
    assert!(
        refused.contains("stopped before moving it into place"),
        "{refused}"
    );
    assert!(refused.contains("mindlines.db.key.new"), "{refused}");

    std::fs::rename(&staged, deployment.key_file()).expect("as the message says");
    assert!(deployment.export(&alice, None).contains(REFLECTION));
}

#[test]
fn generate_writes_a_private_key_and_never_replaces_one() {
    let deployment = Deployment::new();
    let file = deployment.dir.path().join("master.key");
    let path = file.to_str().expect("utf-8");
    let written = deployment.ok(&["keys", "generate", path], None);
    assert!(written.contains("Wrote a new master key"), "{written}");
    let key = std::fs::read(&file).expect("key written");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&file)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    deployment.refused(&["keys", "generate", path], None);
    assert_eq!(std::fs::read(&file).expect("key"), key, "left as it was");
}
