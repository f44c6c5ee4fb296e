//! The fixed text at the top of a Markdown export: the reflective-practice guidance and how to
//! carry entries into the common host portfolios.
//!
//! The notice paraphrases the GMC and Academy of Medical Royal Colleges guidance "The reflective
//! practitioner" (2018) as PRODUCT.md summarises it. Portfolio names and form headings change
//! over time, so the advice stays at the level of "which box gets which part".

/// What to check before any entry leaves mindlines.
pub const NOTICE: &str = "\
## Before you copy anything out

These reflections were written for your learning. Following the GMC and Academy of Medical \
Royal Colleges guidance *The reflective practitioner* (2018), read each one again before it goes \
into a portfolio:

- **Keep the learning and the plans, not the case.** A reflection is about what you noticed, \
what it meant and what you will do next. The facts of a case belong in the clinical record.
- **Anonymise properly.** Taking out a name is not enough: an age, a place and a condition \
together can identify someone. Leave out any detail the learning does not need.
- **Reflecting is not reporting.** If something went wrong, or nearly did, report it through \
your organisation's incident or concerns process too. Writing about it here does not do that.
- **Reflective notes are not legally privileged.** A court can order them to be disclosed, so \
write what you would be comfortable having read in that setting.
";

/// How to paste entries into the host portfolios, with the common field mappings.
pub const PORTFOLIOS: &str = "
## Copying entries into your portfolio

mindlines is a companion, not your portfolio of record. Copy entries one at a time into the \
reflection form of your own e-portfolio; link curriculum items there yourself, using the areas \
and outcomes listed under each entry as a guide.

- **Horus or Turas** (foundation doctors): add a reflection, use the prompt or your first \
sentence as its title, and paste each answer into the box that matches it.
- **FourteenFish** (GP training): add a learning log entry of the type that fits, and paste each \
answer into the matching section.
- **Kaizen** (and LLP or JRCPTB for other specialties): add a reflection and paste the answers \
in order.
- **NMC revalidation** (nurses and nursing associates): each entry can become a written \
reflective account, using the mapping below. Choose the Code themes yourself: prioritise \
people, practise effectively, preserve safety, promote professionalism and trust.

Most prompts use What? / So what? / Now what? headings (or Gibbs, Johns or WiseGP stages that \
follow the same arc). They map onto the usual forms like this:

| Your headings | AoMRC template | NMC reflective account |
| --- | --- | --- |
| What? (what happened, your part, how it felt) | What happened? What did you do? | The nature of the activity, feedback, event or experience |
| So what? (what it meant, analysis) | What have you learnt? | What did you learn? |
| Now what? (what you will do) | What next? | How did you change or improve your practice? |
| The areas and outcomes below each entry | (curriculum links) | How is this relevant to the Code? |
";
