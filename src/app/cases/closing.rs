//! Closing a case and what follows: the lead's summary (a three-field form, scanned before it
//! is kept), the thread locked and archived, a reflection prompt for each person who wrote in
//! it (their answer is evidence tagged with the case's domains, source "case discussion"), an
//! optional "review and revise" follow-up posted back in the thread weeks later, and the
//! AutoMod rules that block the clearest identifiers before they are posted.

use super::{App, own_case, refuse_identifiers, require_open};
use crate::app::error::UserError;
use crate::app::form_entries::{FormEntry, keep_form_entry, open_queued};
use crate::app::members::require_member;
use crate::app::notify::{Button, ButtonStyle, KeywordRuleRequest, OutgoingMessage, ThreadChange};
use crate::app::prompt_message::delivery_nonce;
use crate::app::safety::{HeldWrite, Written, screen};
use crate::domain::case::{
    CaseSummary, MAX_SUMMARY_CHARS, closing_text, parse_review_in, reflection_text, review_text,
};
use crate::domain::custom_id::CustomId;
use crate::domain::delivery::{Delivery, DeliveryKind, NewDelivery, Payload};
use crate::domain::evidence::{EvidenceSource, Tag};
use crate::domain::member::{DiscordId, Role};
use crate::domain::pii::automod::keyword_rule;

/// The close form's fields.
pub const SUMMARY_FIELDS: [&str; 3] = [
    "Learning points",
    "What we would do differently",
    "Follow-up questions",
];
/// The questions a contributor answers after the close.
pub const CASE_REFLECTION_STEMS: [&str; 2] = [
    "What did I learn from the other professions?",
    "What will I do differently?",
];

/// "Close" opens the summary form: the lead's own open case only.
pub async fn close_form(
    app: &App,
    user: DiscordId,
    thread: u64,
) -> anyhow::Result<[&'static str; 3]> {
    let case = own_case(app, user, thread).await?;
    require_open(&case)?;
    Ok(SUMMARY_FIELDS)
}

/// The summary form's submit: screened (risk language holds it, with the choice to keep it),
/// scanned for identifiers (refused, masked), then the case closes.
pub async fn close_case(
    app: &App,
    user: DiscordId,
    thread: u64,
    texts: Vec<String>,
) -> anyhow::Result<Written> {
    let case = own_case(app, user, thread).await?;
    require_open(&case)?;
    if screen(app, texts.iter().map(String::as_str)) {
        return Ok(Written::held(
            app,
            user,
            HeldWrite::CaseSummary { thread, texts },
        ));
    }
    keep_summary(app, user, thread, texts)
        .await
        .map(Written::Saved)
}

/// Keeps the summary and closes the case (after the screen, or the writer's choice to keep).
pub async fn keep_summary(
    app: &App,
    user: DiscordId,
    thread: u64,
    texts: Vec<String>,
) -> anyhow::Result<String> {
    let case = own_case(app, user, thread).await?;
    require_open(&case)?;
    let field = |i: usize| {
        texts
            .get(i)
            .map(|t| t.trim().to_owned())
            .unwrap_or_default()
    };
    let summary = CaseSummary {
        learning: field(0),
        differently: field(1),
        questions: field(2),
    };
    let all = [&summary.learning, &summary.differently, &summary.questions];
    if all.iter().all(|t| t.is_empty()) {
        return Err(
            UserError::new("The summary is empty; write the learning points at least.").into(),
        );
    }
    if all.iter().any(|t| t.chars().count() > MAX_SUMMARY_CHARS) {
        return Err(UserError::new(format!(
            "Each part of the summary holds up to {MAX_SUMMARY_CHARS} characters."
        ))
        .into());
    }
    for (name, text) in SUMMARY_FIELDS.iter().zip(all) {
        refuse_identifiers(app, &name.to_lowercase(), text)?;
    }
    let now = app.clock.now();
    let contributors = app.store.case_contributors(case.id).await?;
    let deliveries: Vec<NewDelivery> = contributors
        .iter()
        .map(|member| NewDelivery {
            member: *member,
            occurrence_key: format!("case:{}:reflect", case.id),
            kind: DeliveryKind::CaseReflection,
            payload: Payload::CaseReflection { case: case.id },
            due_at: now,
            follows: None,
        })
        .collect();
    if !app
        .store
        .close_case(case.id, &summary, now, &deliveries)
        .await?
    {
        return Err(UserError::new("This case is already closed.").into());
    }
    let closing = OutgoingMessage {
        content: closing_text(&case.title, &summary),
        ..OutgoingMessage::default()
    };
    app.notifier.post(thread, &closing).await?;
    let lock = ThreadChange {
        name: None,
        archived: Some(true),
        locked: Some(true),
    };
    app.notifier.update_thread(thread, &lock).await?;
    app.send_wanted.notify_one();
    Ok(format!(
        "Closed “{}”: the summary is posted and kept, the thread locked and archived, and {} contributor{} will get a short reflection prompt.",
        case.title,
        contributors.len(),
        if contributors.len() == 1 { "" } else { "s" }
    ))
}

/// `/case review in:6w`: a "review and revise" follow-up posted back in the thread.
pub async fn schedule_review(
    app: &App,
    user: DiscordId,
    thread: u64,
    after: &str,
) -> anyhow::Result<String> {
    let case = own_case(app, user, thread).await?;
    let wait = parse_review_in(after).map_err(UserError)?;
    let due = app.clock.now() + wait;
    let queued = app
        .store
        .record_delivery(&NewDelivery {
            member: case.lead,
            occurrence_key: format!("case:{}:review", case.id),
            kind: DeliveryKind::CaseReview,
            payload: Payload::CaseReview { case: case.id },
            due_at: due,
            follows: None,
        })
        .await?;
    Ok(match queued {
        Some(_) => format!(
            "A “review and revise” follow-up will be posted in this thread on {} (the thread reopens for it).",
            due.with_timezone(&chrono_tz::Europe::London)
                .format("%a %-d %b %Y")
        ),
        None => "A review of this case is already planned.".to_owned(),
    })
}

/// What a queued case delivery says, and where: a reflection prompt by DM, or the review in
/// the case's thread (reopened first).
pub async fn render_case_delivery(
    app: &App,
    delivery: &Delivery,
) -> anyhow::Result<Result<(OutgoingMessage, Option<u64>), &'static str>> {
    let (id, review) = match delivery.payload {
        Payload::CaseReflection { case } => (case, false),
        Payload::CaseReview { case } => (case, true),
        _ => return Ok(Err("not_a_case_delivery")),
    };
    let Some(case) = app.store.case(id).await? else {
        return Ok(Err("case_gone"));
    };
    let nonce = Some(delivery_nonce(delivery.id));
    if review {
        app.store.reopen_case(case.id).await?;
        let open = ThreadChange {
            name: None,
            archived: Some(false),
            locked: Some(false),
        };
        app.notifier.update_thread(case.thread_id, &open).await?;
        let message = OutgoingMessage {
            content: review_text(&case.title),
            buttons: Vec::new(),
            nonce,
        };
        return Ok(Ok((message, Some(case.thread_id))));
    }
    let message = OutgoingMessage {
        content: reflection_text(&case.title, &case.domains),
        buttons: vec![Button {
            custom_id: CustomId::CaseReflect {
                delivery: delivery.id,
            }
            .to_string(),
            label: "Reflect".to_owned(),
            style: ButtonStyle::Primary,
        }],
        nonce,
    };
    Ok(Ok((message, None)))
}

const GONE: &str =
    "That reflection prompt is no longer open (answered already, or the case is gone).";

async fn open_reflection(
    app: &App,
    user: DiscordId,
    id: i64,
) -> anyhow::Result<(Delivery, crate::domain::case::Case)> {
    let delivery = open_queued(app, user, id, DeliveryKind::CaseReflection, GONE).await?;
    let Payload::CaseReflection { case } = delivery.payload else {
        return Err(UserError::new(GONE).into());
    };
    let case = app
        .store
        .case(case)
        .await?
        .ok_or_else(|| UserError::new(GONE))?;
    Ok((delivery, case))
}

/// The reflection form's questions (after checking the prompt is the caller's and open).
pub async fn reflection_form(
    app: &App,
    user: DiscordId,
    delivery: i64,
) -> anyhow::Result<[&'static str; 2]> {
    open_reflection(app, user, delivery).await?;
    Ok(CASE_REFLECTION_STEMS)
}

/// Keeps a contributor's reflection as evidence tagged with the case's domains.
pub async fn save_case_reflection(
    app: &App,
    user: DiscordId,
    delivery: i64,
    interaction_id: u64,
    texts: Vec<String>,
) -> anyhow::Result<String> {
    let (delivery, case) = open_reflection(app, user, delivery).await?;
    let id = keep_form_entry(
        app,
        FormEntry {
            member: user,
            delivery: delivery.id,
            interaction_id,
            stems: &CASE_REFLECTION_STEMS,
            texts,
            source: EvidenceSource::CaseDiscussion,
            prompt_id: None,
            prompt_text: format!("After the case discussion “{}”", case.title),
            tags: case.domains.iter().map(|a| Tag::Area(*a)).collect(),
            follows_up: None,
        },
    )
    .await?;
    let domains: Vec<&str> = case.domains.iter().map(|a| a.name()).collect();
    Ok(format!(
        "Saved to your evidence as entry #{id}, tagged **{}** (source: case discussion). Only you can see it.",
        domains.join(", ")
    ))
}

/// `/case setup`: the AutoMod rule that blocks the clearest identifiers before they are
/// posted (a lead or the programme admin). mindlines' own scan still runs on every message:
/// AutoMod's patterns cannot check an NHS number's check digit.
pub async fn set_up_automod(
    app: &App,
    user: DiscordId,
    guild: Option<u64>,
) -> anyhow::Result<String> {
    let caller = require_member(app, user).await?;
    if !(caller.member.has_role(Role::Lead) || caller.member.has_role(Role::Admin)) {
        return Err(
            UserError::new("Only a team lead or the programme admin sets up AutoMod.").into(),
        );
    }
    let guild =
        guild.ok_or_else(|| UserError::new("Run this in the server, not in a direct message."))?;
    let rule = keyword_rule(&app.case_places);
    let request = KeywordRuleRequest {
        name: "mindlines: patient identifiers".to_owned(),
        keyword_filter: rule.keyword_filter.clone(),
        regex_patterns: rule.regex_patterns.clone(),
        custom_message: "This looks like it holds a patient identifier. Rephrase without it: learning, not the record.".to_owned(),
    };
    let id = app.notifier.create_keyword_rule(guild, &request).await?;
    let places = match rule.keyword_filter.len() {
        0 => String::new(),
        n => format!(" and {n} local place name{}", if n == 1 { "" } else { "s" }),
    };
    let left_out = match rule.places_left_out {
        0 => String::new(),
        n => format!(
            " {n} place name(s) did not fit AutoMod's limits; mindlines' own check still finds them."
        ),
    };
    Ok(format!(
        "AutoMod rule {id} is on: it blocks {} identifier patterns{places} before a message is posted.{left_out} mindlines still checks every message in case threads, including what AutoMod cannot (an NHS number's check digit, names, dates of birth).",
        rule.regex_patterns.len()
    ))
}
