//! `/reflect`: get a prompt now.

use crate::app::reflect::reflect_now;
use crate::discord::{Context, Error, caller_id, reply_private};
use crate::domain::curriculum::Area;

/// A domain or theme to reflect on.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum AreaChoice {
    #[name = "Person-centred practice"]
    PersonCentredPractice,
    #[name = "System working"]
    SystemWorking,
    #[name = "Complex multimorbidity"]
    ComplexMultimorbidity,
    #[name = "Social justice and health equity"]
    SocialJusticeAndHealthEquity,
    #[name = "Population health"]
    PopulationHealth,
    #[name = "Environmental sustainability"]
    EnvironmentalSustainability,
    #[name = "Wellbeing (theme)"]
    Wellbeing,
    #[name = "Digital (theme)"]
    Digital,
    #[name = "Leadership (theme)"]
    Leadership,
    #[name = "Transformative reflection (theme)"]
    TransformativeReflection,
}

impl From<AreaChoice> for Area {
    fn from(choice: AreaChoice) -> Area {
        match choice {
            AreaChoice::PersonCentredPractice => Area::PersonCentredPractice,
            AreaChoice::SystemWorking => Area::SystemWorking,
            AreaChoice::ComplexMultimorbidity => Area::ComplexMultimorbidity,
            AreaChoice::SocialJusticeAndHealthEquity => Area::SocialJusticeAndHealthEquity,
            AreaChoice::PopulationHealth => Area::PopulationHealth,
            AreaChoice::EnvironmentalSustainability => Area::EnvironmentalSustainability,
            AreaChoice::Wellbeing => Area::Wellbeing,
            AreaChoice::Digital => Area::Digital,
            AreaChoice::Leadership => Area::Leadership,
            AreaChoice::TransformativeReflection => Area::TransformativeReflection,
        }
    }
}

/// Get a reflective prompt now, by DM — optionally for a domain or theme you choose.
#[poise::command(slash_command)]
pub async fn reflect(
    ctx: Context<'_>,
    #[description = "A domain or theme (default: the one your evidence covers least)"] area: Option<
        AreaChoice,
    >,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let text = reflect_now(
        &ctx.data().app,
        caller_id(&ctx),
        area.map(Area::from),
        ctx.id(),
    )
    .await?;
    reply_private(ctx, text).await
}
