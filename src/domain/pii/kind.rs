//! The kinds of identifier the scanner finds, with their wire names (what `mindlines pii scan`
//! prints and tests compare) and the plain words an author reads in the bot's DM.

use crate::domain::slug::slug_enum;

slug_enum! {
    /// A kind of patient identifier. The slug is the wire name (`NHS_NUMBER`, …); the label is
    /// what the author is told was found ("an NHS number").
    IdentifierKind, "identifier kind" {
        NhsNumber => "NHS_NUMBER", "an NHS number", ["nhs-number", "nhs"];
        DateOfBirth => "DATE_OF_BIRTH", "a date of birth", ["date-of-birth", "dob"];
        Postcode => "POSTCODE", "a postcode", ["postcode"];
        Phone => "PHONE", "a phone number", ["phone", "phone-number"];
        Email => "EMAIL", "an email address", ["email"];
        Nino => "NINO", "a National Insurance number", ["nino", "national-insurance-number"];
        PersonTitleName => "PERSON_TITLE_NAME", "a title and surname", ["person-title-name", "name"];
        Place => "PLACE", "a local place name", ["place"];
    }
}

impl IdentifierKind {
    /// The noun without its article, for the mask: `[NHS number removed]`.
    pub fn noun(self) -> &'static str {
        match self {
            IdentifierKind::NhsNumber => "NHS number",
            IdentifierKind::DateOfBirth => "date of birth",
            IdentifierKind::Postcode => "postcode",
            IdentifierKind::Phone => "phone number",
            IdentifierKind::Email => "email address",
            IdentifierKind::Nino => "NI number",
            IdentifierKind::PersonTitleName => "name",
            IdentifierKind::Place => "place",
        }
    }

    /// Which kind wins when two findings overlap (lower wins). The checksummed and strictly
    /// shaped kinds come first: their shape says more about what the text is than the looser
    /// kinds', and either way the text is masked.
    pub(super) fn rank(self) -> u8 {
        match self {
            IdentifierKind::Email => 0,
            IdentifierKind::NhsNumber => 1,
            IdentifierKind::Nino => 2,
            IdentifierKind::Phone => 3,
            IdentifierKind::Postcode => 4,
            IdentifierKind::DateOfBirth => 5,
            IdentifierKind::PersonTitleName => 6,
            IdentifierKind::Place => 7,
        }
    }
}
