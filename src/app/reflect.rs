//! `/reflect`: a prompt now ("answer early"), optionally for a chosen domain or theme.

use super::App;
use super::error::UserError;
use super::members::require_member;
use super::selection::next_prompt_for;
use crate::domain::curriculum::Area;
use crate::domain::delivery::{DeliveryKind, NewDelivery};
use crate::domain::member::DiscordId;

/// Queues a prompt for `user` to be sent at once, and says so. `request` (the interaction's
/// id) keys the delivery: asking twice gives two prompts, and one request redelivered by
/// Discord gives one.
pub async fn reflect_now(
    app: &App,
    user: DiscordId,
    area: Option<Area>,
    request: u64,
) -> anyhow::Result<String> {
    let caller = require_member(app, user).await?;
    let now = app.clock.now();
    let Some(prompt) = next_prompt_for(app, &caller.member, area, now).await? else {
        return Err(UserError::new(
            "I couldn't find a prompt that suits you there. Try another domain or theme.",
        )
        .into());
    };
    let delivery = NewDelivery::prompt(
        user,
        format!("early:{request}"),
        DeliveryKind::OnRequest,
        (&prompt.id, prompt.area),
        now,
        None,
    );
    if app.store.record_delivery(&delivery).await?.is_none() {
        return Err(UserError::new("A prompt is already on its way — check your DMs.").into());
    }
    app.send_wanted.notify_one();
    let reply = format!(
        "{} **{}** prompt is on its way to your DMs.",
        prompt.area.article(),
        prompt.area.name()
    );
    Ok(caller.with_notice(reply))
}
