//! A tiny real serenity 0.12.5 + poise 0.7.1 bot for the sandbox compatibility tests.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use mindlines::sandbox::Sandbox;
use poise::serenity_prelude as serenity;
use serenity::async_trait;
use tokio::sync::mpsc;

pub const WAIT: Duration = Duration::from_secs(10);

type Error = Box<dyn std::error::Error + Send + Sync>;
type Context<'a> = poise::Context<'a, (), Error>;

/// Write a reflection
#[poise::command(slash_command)]
async fn reflect(
    ctx: Context<'_>,
    #[description = "What happened"] text: String,
) -> Result<(), Error> {
    ctx.send(
        poise::CreateReply::default()
            .content(format!("Saved: {text}"))
            .ephemeral(true),
    )
    .await?;
    Ok(())
}

/// Records what serenity hands the event handler, answers DMs (with a button for "prompt me"),
/// opens a modal for the button and acknowledges the modal ephemerally.
struct Recorder {
    seen: mpsc::UnboundedSender<String>,
}

#[async_trait]
impl serenity::EventHandler for Recorder {
    async fn ready(&self, _ctx: serenity::Context, ready: serenity::Ready) {
        let _ = self.seen.send(format!("ready:{}", ready.user.name));
    }

    async fn message(&self, ctx: serenity::Context, msg: serenity::Message) {
        if msg.author.bot {
            return;
        }
        let _ = self.seen.send(format!("message:{}", msg.content));
        if msg.guild_id.is_some() {
            return;
        }
        let reply = if msg.content == "prompt me" {
            let button = serenity::CreateButton::new("open").label("Reflect now");
            serenity::CreateMessage::new()
                .content("Your prompt")
                .components(vec![serenity::CreateActionRow::Buttons(vec![button])])
        } else {
            serenity::CreateMessage::new().content(format!("echo: {}", msg.content))
        };
        let _ = msg.channel_id.send_message(&ctx.http, reply).await;
    }

    async fn interaction_create(&self, ctx: serenity::Context, interaction: serenity::Interaction) {
        match interaction {
            serenity::Interaction::Component(click) if click.data.custom_id == "open" => {
                let input = serenity::CreateInputText::new(
                    serenity::InputTextStyle::Paragraph,
                    "What happened?",
                    "body",
                );
                let modal = serenity::CreateModal::new("m", "Reflection")
                    .components(vec![serenity::CreateActionRow::InputText(input)]);
                let _ = click
                    .create_response(&ctx.http, serenity::CreateInteractionResponse::Modal(modal))
                    .await;
            }
            serenity::Interaction::Modal(submit) => {
                let value = submit
                    .data
                    .components
                    .iter()
                    .flat_map(|row| &row.components)
                    .find_map(|c| match c {
                        serenity::ActionRowComponent::InputText(input) => input.value.clone(),
                        _ => None,
                    });
                let message = serenity::CreateInteractionResponseMessage::new()
                    .content(format!("Got: {}", value.unwrap_or_default()))
                    .ephemeral(true);
                let _ = submit
                    .create_response(
                        &ctx.http,
                        serenity::CreateInteractionResponse::Message(message),
                    )
                    .await;
            }
            _ => {}
        }
    }
}

/// serenity's `Http`, pointed at the sandbox.
pub fn http(sandbox: &Sandbox) -> serenity::Http {
    serenity::HttpBuilder::new("fake-token")
        .proxy(sandbox.api_base())
        .ratelimiter_disabled(true)
        .build()
}

pub struct Bot {
    shards: Arc<serenity::ShardManager>,
    task: tokio::task::JoinHandle<Result<(), serenity::Error>>,
    seen: mpsc::UnboundedReceiver<String>,
}

impl Bot {
    pub async fn start(sandbox: &Sandbox) -> Self {
        let framework = poise::Framework::builder()
            .options(poise::FrameworkOptions {
                commands: vec![reflect()],
                ..Default::default()
            })
            .setup(|ctx, _ready, framework| {
                Box::pin(async move {
                    poise::builtins::register_globally(ctx, &framework.options().commands).await?;
                    Ok(())
                })
            })
            .build();
        let (tx, seen) = mpsc::unbounded_channel();
        let intents = serenity::GatewayIntents::GUILDS
            | serenity::GatewayIntents::GUILD_MESSAGES
            | serenity::GatewayIntents::DIRECT_MESSAGES;
        let mut client = serenity::ClientBuilder::new_with_http(http(sandbox), intents)
            .framework(framework)
            .event_handler(Recorder { seen: tx })
            .await
            .expect("client builds");
        let shards = client.shard_manager.clone();
        let task = tokio::spawn(async move { client.start().await });
        Self { shards, task, seen }
    }

    /// Waits until the handler reports `wanted` (skipping anything else).
    pub async fn expect_seen(&mut self, wanted: &str) {
        let found = tokio::time::timeout(WAIT, async {
            while let Some(seen) = self.seen.recv().await {
                if seen == wanted {
                    return true;
                }
            }
            false
        })
        .await;
        assert_eq!(found, Ok(true), "the handler never saw {wanted:?}");
    }

    /// Waits for `client.start()` to return (a fatal close) and gives its result.
    pub async fn finished(self) -> Option<Result<(), serenity::Error>> {
        tokio::time::timeout(WAIT, self.task)
            .await
            .ok()
            .and_then(Result::ok)
    }

    pub async fn stop(self) {
        self.shards.shutdown_all().await;
        let _ = tokio::time::timeout(WAIT, self.task).await;
    }
}
