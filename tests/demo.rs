//! `mindlines demo` is the README's main command: it must keep working. Every step checks
//! itself, so a broken feature fails here naming the step.

use mindlines::config::Config;
use mindlines::testbed::demo::run_demo;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_story_plays_to_the_end() {
    let transcript = run_demo(Config::default())
        .await
        .unwrap_or_else(|e| panic!("{e:#}"));
    let text = transcript.lines().join("\n");
    assert!(text.contains("every step happened"));
    assert!(text.contains("alice clicks [Reflect]"));
}
