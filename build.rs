//! Rebuilds the binary when the shipped prompt library changes: it is embedded with
//! `include_dir!`, whose macro cannot tell cargo which files it read.

fn main() {
    println!("cargo:rerun-if-changed=prompts");
    println!("cargo:rerun-if-changed=calendar");
}
