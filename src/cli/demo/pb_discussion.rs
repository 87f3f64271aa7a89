//! Demo discussion of the Alakol cycle that is voting now: comments in Kazakh and Russian (one
//! hidden by the coordinator with a public reason) and a village meeting with minutes.

use super::act::{refused, Demo};
use app::pb::discussion::{CommentOutcome, Moderation, ModerationOutcome};
use app::Actor;
use domain::pb::discussion::{check_meeting, CommentText, ModerationReason};
use domain::Kato;
use uuid::Uuid;

async fn comment(d: &Demo, who: &Actor, proposal: Uuid, text: &str) -> anyhow::Result<()> {
    let text = CommentText::parse(text).map_err(|e| refused("comment", e))?;
    match app::pb::discussion::comment_proposal(&d.app, who, proposal, &text, None).await? {
        CommentOutcome::Added => Ok(()),
        other => Err(refused("comment", other)),
    }
}

/// `pids` are the cycle's proposals in the order of the demo's list (the first five admitted).
/// The cycle is in discussion; the clock is at its first day.
pub async fn seed(d: &Demo, cycle: Uuid, pids: &[Uuid]) -> anyhow::Result<()> {
    let resident = d.actor("resident@demo.qatysu.kz").await?;
    let monitor = d.actor("monitor@demo.qatysu.kz").await?;
    let coordinator = d.actor("coordinator@demo.qatysu.kz").await?;
    let [water, roof, lights, bridge, ..] = pids else {
        anyhow::bail!("the demo cycle has fewer proposals than the discussion needs");
    };
    let comments: [(&Uuid, &Actor, &str); 6] = [
        (water, &monitor, "Біздің көшеде де су жиі тоқтайды. Колонкаларды мектептің жанына қойса, балаларға да ыңғайлы болар еді."),
        (water, &resident, "Құбырды күзге дейін ауыстырса жақсы, қыста жер қатып қалады."),
        (roof, &resident, "Поддерживаю: зимой в медпункте принимают в пальто. Можно ли добавить утепление окон?"),
        (lights, &monitor, "Шамдарды күн батареясымен алсақ, электр шығыны азаяды."),
        (bridge, &resident, "Мост нужен, но сначала проверьте смету: металл подорожал."),
        (bridge, &monitor, "Бұл жобаның авторының телефоны: +7 701 000 00 00, хабарласыңыздар!"),
    ];
    // One comment every other day, from three weeks before voting.
    for (n, (pid, who, text)) in comments.iter().enumerate() {
        d.days_ago(20 - 2 * n as i64);
        comment(d, who, **pid, text).await?;
    }
    // The last comment publishes a phone number: the coordinator hides it the next day, with
    // the reason public.
    d.days_ago(9);
    let (_, _, phone) = comments[5];
    let shown = app::pb::discussion::comments(&d.app, *bridge, 0, 100).await?;
    let hide = shown
        .iter()
        .find(|c| c.body == phone)
        .ok_or_else(|| refused("moderation", "the comment to hide is missing"))?;
    let reason = ModerationReason::parse(
        "Жеке деректер (телефон нөмірі) жарияланған / Опубликованы персональные данные",
    )
    .map_err(|e| refused("moderation reason", e))?;
    let act = Moderation::Hide;
    match app::pb::discussion::moderate_comment(&d.app, &coordinator, hide.id, act, Some(&reason))
        .await?
    {
        ModerationOutcome::Done => {}
        other => return Err(refused("moderation", other)),
    }
    // The village meeting five days ago, recorded the next day.
    d.days_ago(4);
    let village = app::territories::by_kato(&d.app, &Kato::parse(super::DEMO_VILLAGE)?).await?;
    let record = check_meeting(
        &d.day_ago(5).to_string(),
        "Мәдениет үйі / Дом культуры",
        "64",
        "Күн тәртібі: ХҚБ-ға түскен су құбыры және көше жарығы жобалары.\n\
            1. Су құбыры: тұрғындар колонкаларды мектеп пен емхана жанына орнатуды сұрады; автор сметаға екі колонка қосуға келісті.\n\
            2. Мектеп көшесінің жарығы: күн батареялы шамдарды қарастыру ұсынылды.\n\
            Повестка: проекты водопровода и освещения улицы. Жители поддержали оба проекта; предложено \
            проверить смету освещения с учётом солнечных панелей.",
        d.app.clock.today(),
    )
    .map_err(|e| refused("meeting record", e))?;
    let discussed = vec![*water, *lights];
    app::pb::meetings::record_meeting(&d.app, &coordinator, cycle, village.id, record, discussed)
        .await?;
    Ok(())
}
