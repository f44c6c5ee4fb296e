//! `mindlines demo` is the README's main command: it must keep working. Every step checks
//! itself, so a broken feature fails here naming the step.

use mindlines::config::Config;
use mindlines::testbed::demo::run_demo;
use mindlines::testbed::files::FileFolder;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_story_plays_to_the_end() {
    let files = tempfile::tempdir().unwrap();
    let transcript = run_demo(Config::default(), FileFolder::at(files.path()).unwrap())
        .await
        .unwrap_or_else(|e| panic!("{e:#}"));
    let text = transcript.lines().join("\n");
    assert!(text.contains("every step happened"));
    assert!(text.contains("alice clicks [Reflect]"));
    // The chart and the exports are written where the transcript says.
    let chart = files.path().join("coverage.png");
    assert!(
        text.contains(&format!("file: {}", chart.display())),
        "{text}"
    );
    let png = std::fs::read(&chart).expect("the chart was written");
    assert!(png.starts_with(b"\x89PNG"), "coverage.png is a PNG");
    let exported = std::fs::read_dir(files.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().ends_with(".md"));
    assert!(exported, "the Markdown export was written");
}
