//! Demo discussion of the Alakol cycle that is voting now: comments in Kazakh and Russian (one
//! hidden by the coordinator with a public reason) and a village meeting with minutes.

use anyhow::Context;
use chrono::{DateTime, Days, NaiveDate, Utc};
use domain::{Contact, Kato};
use store::pb::discussion::{self, Moderation};
use store::pb::meetings::{self, NewMeeting};
use store::Db;
use uuid::Uuid;

async fn account(db: &Db, email: &str) -> anyhow::Result<(Uuid, String)> {
    let (u, _) = store::accounts::credentials(db, &Contact::parse(email)?)
        .await?
        .context("demo account")?;
    Ok((u.id, u.display_name))
}

/// `pids` are the cycle's proposals in the order of the demo's list (the first five admitted).
pub async fn seed(
    db: &Db,
    cycle: Uuid,
    pids: &[Uuid],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let resident = account(db, "resident@demo.qatysu.kz").await?;
    let monitor = account(db, "monitor@demo.qatysu.kz").await?;
    let coordinator = account(db, "coordinator@demo.qatysu.kz").await?;
    let [water, roof, lights, bridge, ..] = pids else {
        anyhow::bail!("the demo cycle has fewer proposals than the discussion needs");
    };
    let comments: [(&Uuid, &(Uuid, String), &str); 6] = [
        (water, &monitor, "Біздің көшеде де су жиі тоқтайды. Колонкаларды мектептің жанына қойса, балаларға да ыңғайлы болар еді."),
        (water, &resident, "Құбырды күзге дейін ауыстырса жақсы, қыста жер қатып қалады."),
        (roof, &resident, "Поддерживаю: зимой в медпункте принимают в пальто. Можно ли добавить утепление окон?"),
        (lights, &monitor, "Шамдарды күн батареясымен алсақ, электр шығыны азаяды."),
        (bridge, &resident, "Мост нужен, но сначала проверьте смету: металл подорожал."),
        (bridge, &monitor, "Бұл жобаның авторының телефоны: +7 701 000 00 00, хабарласыңыздар!"),
    ];
    let mut last = None;
    for (pid, (author, name), text) in comments {
        last = discussion::add_comment(db, *pid, *author, name, text, None, now).await?;
    }
    // The last comment publishes a phone number: hidden, with the reason public.
    if let Some(id) = last {
        discussion::moderate(
            db,
            id,
            Moderation::Hide,
            "Жеке деректер (телефон нөмірі) жарияланған / Опубликованы персональные данные",
            coordinator.0,
            &coordinator.1,
            now,
        )
        .await?;
    }
    let village = store::territories::by_kato(db, &Kato::parse("114435200")?)
        .await?
        .context("demo village")?;
    let meeting = NewMeeting {
        cycle_id: cycle,
        village_id: village.id,
        held_on: today.checked_sub_days(Days::new(5)).unwrap_or(today),
        place: "Мәдениет үйі / Дом культуры".into(),
        attendance: 64,
        minutes: "Күн тәртібі: ХҚБ-ға түскен су құбыры және көше жарығы жобалары.\n\
            1. Су құбыры: тұрғындар колонкаларды мектеп пен емхана жанына орнатуды сұрады; автор сметаға екі колонка қосуға келісті.\n\
            2. Мектеп көшесінің жарығы: күн батареялы шамдарды қарастыру ұсынылды.\n\
            Повестка: проекты водопровода и освещения улицы. Жители поддержали оба проекта; предложено \
            проверить смету освещения с учётом солнечных панелей."
            .into(),
        proposals: vec![*water, *lights],
    };
    meetings::create(db, &meeting, coordinator.0, now).await?;
    Ok(())
}
