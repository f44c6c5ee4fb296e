use super::*;

fn keyring() -> Keyring {
    Keyring::new(MasterKey::generate(), Sealing::On)
}

fn aad(row: &str, member: i64) -> Aad<'_> {
    Aad {
        place: "evidence.answers",
        row,
        member,
    }
}

#[test]
fn a_sealed_value_opens_in_its_place_and_shows_no_text() {
    let ring = keyring();
    let (bytes, _) = ring.new_data_key(7);
    let key = ring.data_key(7, &bytes);
    let sealed = key.seal(aad("1", 7), "I felt out of my depth on nights");
    assert!(sealed.starts_with("ml1:"));
    assert!(!sealed.contains("depth"));
    assert_eq!(
        key.open(aad("1", 7), &sealed).unwrap(),
        "I felt out of my depth on nights"
    );
    // Random nonces: the same text seals differently each time.
    assert_ne!(
        sealed,
        key.seal(aad("1", 7), "I felt out of my depth on nights")
    );
}

#[test]
fn a_value_moved_to_another_row_column_or_member_does_not_open() {
    let ring = keyring();
    let (bytes, _) = ring.new_data_key(7);
    let key = ring.data_key(7, &bytes);
    let sealed = key.seal(aad("1", 7), "text");
    assert!(key.open(aad("2", 7), &sealed).is_err(), "another row");
    let other_column = Aad {
        place: "evidence_revisions.answers",
        row: "1",
        member: 7,
    };
    assert!(key.open(other_column, &sealed).is_err(), "another column");
    // Same key bytes, but the associated data names another member.
    let as_other = ring.data_key(8, &bytes);
    assert!(
        as_other.open(aad("1", 8), &sealed).is_err(),
        "another member"
    );
    // Another member's key.
    let (other_bytes, _) = ring.new_data_key(7);
    assert!(
        ring.data_key(7, &other_bytes)
            .open(aad("1", 7), &sealed)
            .is_err()
    );
    // Altered or plain text.
    let mut altered = sealed.clone();
    altered.pop();
    altered.push(if sealed.ends_with('A') { 'B' } else { 'A' });
    assert!(key.open(aad("1", 7), &altered).is_err(), "altered");
    let err = key
        .open(aad("1", 7), "plain words")
        .unwrap_err()
        .to_string();
    assert!(!err.contains("plain words"), "{err}");
}

#[test]
fn a_wrapped_key_opens_only_under_its_master_and_for_its_member() {
    let ring = keyring();
    let (bytes, wrapped) = ring.new_data_key(7);
    let id = ring.master_id();
    let key = ring.unwrap(7, &id, &wrapped).unwrap();
    let sealed = key.seal(aad("1", 7), "text");
    assert_eq!(
        ring.data_key(7, &bytes).open(aad("1", 7), &sealed).unwrap(),
        "text"
    );
    assert!(
        ring.unwrap(8, &id, &wrapped).is_err(),
        "another member's slot"
    );
    let other = keyring();
    let err = other.unwrap(7, &id, &wrapped).unwrap_err();
    assert!(matches!(err, StoreError::WrongMasterKey { .. }), "{err}");
    assert!(unwrap_with(&MasterKey::generate(), 7, &wrapped).is_err());
}

#[test]
fn rewrapping_under_a_new_master_keeps_the_data_key() {
    let old = MasterKey::generate();
    let new = MasterKey::generate();
    let (bytes, wrapped) = Keyring::new(old.clone(), Sealing::On).new_data_key(3);
    let opened = unwrap_with(&old, 3, &wrapped).unwrap();
    let rewrapped = wrap_with(&new, 3, &opened);
    assert_eq!(*unwrap_with(&new, 3, &rewrapped).unwrap(), *bytes);
}

#[test]
fn the_cache_splits_known_from_missing_members() {
    let ring = keyring();
    let (bytes, _) = ring.new_data_key(1);
    let mut set = KeySet::default();
    ring.add_to(&mut set, ring.data_key(1, &bytes));
    let (cached, missing) = ring.split_cached([1, 2, 2, 3]);
    assert!(cached.of(1, "x").is_ok());
    assert_eq!(missing, vec![2, 3]);
    assert!(ring.cached(1).is_some() && ring.cached(2).is_none());
}
