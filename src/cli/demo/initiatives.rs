//! Demo civic initiatives in the Alakol rural okrug: one in every status, one of them with its
//! answer overdue, with signatures typed in from paper sheets (double entry) and online.

use anyhow::Context;
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use domain::initiatives::{Addressee, AnswerKind, FollowUp, ThresholdRule};
use domain::{Contact, Iin, IinKey, Kato};
use store::initiatives::{self as ini, Answer, Draft, NewPaperRow, NewSignature};
use store::territories::{self, Territory};
use store::Db;
use uuid::Uuid;

/// The okrug the demo initiatives are addressed to (it holds the demo village).
const OKRUG: &str = "114435000";

/// The okrug's demo rule: 2% of the population or 30 signatures, whichever is fewer.
fn demo_rule() -> ThresholdRule {
    ThresholdRule {
        fixed: Some(30),
        ..ThresholdRule::default()
    }
}

struct People {
    resident: Uuid,
    coordinator: Uuid,
    admin: Uuid,
    official: Uuid,
}

async fn user(db: &Db, email: &str) -> anyhow::Result<Uuid> {
    let contact = Contact::parse(email).context("demo contact")?;
    let (u, _) = store::accounts::credentials(db, &contact)
        .await?
        .with_context(|| format!("demo account {email}"))?;
    Ok(u.id)
}

/// A valid synthetic IIN for demo signer `n`: serials 5000 + 10n to 5009 + 10n (never a demo
/// account's), the first that has a check digit.
fn synthetic_iin(n: u32) -> Option<Iin> {
    let year = 60 + n % 40;
    let month = 1 + n % 12;
    let day = 1 + n % 28;
    let century = 3 + n % 2;
    (0..10).find_map(|extra| {
        let serial = 5000 + n * 10 + extra;
        (0..10).find_map(|k| {
            Iin::parse(&format!(
                "{year:02}{month:02}{day:02}{century}{serial:04}{k}"
            ))
            .ok()
        })
    })
}

const NAMES: [&str; 10] = [
    "Айгерім",
    "Нұржан",
    "Гүлмира",
    "Ерболат",
    "Сәуле",
    "Қайрат",
    "Жанар",
    "Мұрат",
    "Әсел",
    "Данияр",
];
const SURNAMES: [&str; 8] = [
    "Ахметов",
    "Сейітов",
    "Омарова",
    "Жұмабаев",
    "Қасымова",
    "Нұрланов",
    "Бекова",
    "Төлеуов",
];

/// Rows of a paper sheet signed by demo people `from..to` living in `villages`.
fn sheet(
    key: &IinKey,
    villages: &[Territory],
    from: u32,
    to: u32,
    on: NaiveDate,
) -> Vec<NewPaperRow> {
    (from..to)
        .filter_map(|n| {
            let iin = synthetic_iin(n)?;
            let v = villages.get(n as usize % villages.len().max(1))?;
            Some(NewPaperRow {
                name: format!(
                    "{} {}",
                    NAMES[n as usize % NAMES.len()],
                    SURNAMES[n as usize % SURNAMES.len()]
                ),
                person_hash: key.fingerprint(&iin),
                village_id: v.id,
                signed_on: on,
            })
        })
        .collect()
}

struct Ctx<'a> {
    db: &'a Db,
    key: &'a IinKey,
    okrug: Territory,
    villages: Vec<Territory>,
    people: People,
    rule: ThresholdRule,
    now: DateTime<Utc>,
    next_signer: u32,
}

impl Ctx<'_> {
    fn ago(&self, days: i64) -> DateTime<Utc> {
        self.now - TimeDelta::days(days)
    }

    async fn draft(
        &self,
        title: &str,
        ask: &str,
        reasons: &str,
        addressee: Addressee,
        days_ago: i64,
    ) -> anyhow::Result<Uuid> {
        let d = Draft {
            territory_id: self.okrug.id,
            addressee,
            title: title.into(),
            ask: ask.into(),
            reasons: reasons.into(),
        };
        Ok(ini::create(self.db, self.people.resident, &d, self.ago(days_ago)).await?)
    }

    async fn publish(&self, id: Uuid, days_ago: i64) -> anyhow::Result<()> {
        let at = self.ago(days_ago);
        let required = i64::from(self.rule.required(self.okrug.population));
        ini::publish(
            self.db,
            id,
            self.people.coordinator,
            required,
            self.rule.collection_deadline(at),
            at,
        )
        .await?
        .map_err(|r| anyhow::anyhow!("demo publish: {r}"))
    }

    /// What reaching the threshold of `id` at `at` records (the domain's deadline and role).
    async fn reach(&self, id: Uuid, at: DateTime<Utc>) -> anyhow::Result<ini::OnThreshold> {
        let i = ini::get(self.db, id).await?.context("demo initiative")?;
        Ok(ini::OnThreshold {
            consider_due: self.rule.consider_deadline(at),
            answering: i.addressee.answering_role(),
        })
    }

    /// `count` paper signatures, typed in twice (coordinator, then administrator).
    async fn paper(
        &mut self,
        id: Uuid,
        sheet_no: &str,
        count: u32,
        days_ago: i64,
    ) -> anyhow::Result<()> {
        let at = self.ago(days_ago);
        let rows = sheet(
            self.key,
            &self.villages,
            self.next_signer,
            self.next_signer + count,
            at.date_naive(),
        );
        self.next_signer += count;
        for by in [self.people.coordinator, self.people.admin] {
            ini::enter_sheet(
                self.db,
                id,
                sheet_no,
                by,
                &rows,
                &self.reach(id, at).await?,
                at,
            )
            .await?;
        }
        Ok(())
    }

    /// The demo resident signs online.
    async fn resident_signs(&self, id: Uuid, days_ago: i64) -> anyhow::Result<()> {
        let s = NewSignature {
            person_hash: ini::person_hash_of(self.db, self.people.resident).await?,
            user_id: Some(self.people.resident),
            village_id: self
                .villages
                .iter()
                .find(|v| v.kato.as_str() == super::DEMO_VILLAGE)
                .map(|v| v.id)
                .context("demo village")?,
            paper: false,
        };
        let at = self.ago(days_ago);
        ini::sign(self.db, id, &s, &self.reach(id, at).await?, at).await?;
        Ok(())
    }

    async fn answer(
        &self,
        id: Uuid,
        kind: AnswerKind,
        text: &str,
        plan: &str,
        days_ago: i64,
    ) -> anyhow::Result<()> {
        let a = Answer {
            kind,
            text: text.into(),
            url: Some("https://adilet.zan.kz/".into()),
            plan: plan.into(),
            plan_due: Some((self.now + TimeDelta::days(120)).date_naive()),
        };
        ini::answer(self.db, id, self.people.official, &a, self.ago(days_ago))
            .await?
            .map_err(|r| anyhow::anyhow!("demo answer: {r}"))
    }

    async fn follow(
        &self,
        id: Uuid,
        step: FollowUp,
        note: &str,
        days_ago: i64,
    ) -> anyhow::Result<()> {
        ini::follow_up(
            self.db,
            id,
            self.people.official,
            step,
            note,
            self.ago(days_ago),
        )
        .await?
        .map_err(|r| anyhow::anyhow!("demo follow-up: {r}"))
    }
}

pub async fn seed(db: &Db, key: &IinKey, now: DateTime<Utc>) -> anyhow::Result<()> {
    let okrug = territories::by_kato(db, &Kato::parse(OKRUG)?)
        .await?
        .context("demo okrug")?;
    let villages: Vec<Territory> = territories::subtree(db, &okrug)
        .await?
        .into_iter()
        .filter(|t| t.kind.is_settlement())
        .collect();
    let people = People {
        resident: user(db, "resident@demo.qatysu.kz").await?,
        coordinator: user(db, "coordinator@demo.qatysu.kz").await?,
        admin: user(db, "admin@demo.qatysu.kz").await?,
        official: user(db, "official@demo.qatysu.kz").await?,
    };
    let rule = demo_rule();
    ini::set_rule(db, okrug.id, &rule, now).await?;
    let mut c = Ctx {
        db,
        key,
        okrug,
        villages,
        people,
        rule,
        now,
        next_signer: 0,
    };

    // Awaiting moderation.
    c.draft(
        "Көркем ауылында балалар ойын алаңын салу",
        "Мектеп жанындағы бос алаңға **балалар ойын алаңын** салуды сұраймыз:\n\n- әткеншектер мен сырғанақ;\n- орындықтар;\n- кешкі жарық.",
        "Ауылда 200-ден астам бала тұрады, бірақ бірде-бір ойын алаңы жоқ. Балалар жол жиегінде ойнайды.",
        Addressee::Akim,
        3,
    )
    .await?;

    // Returned to its author with a reason.
    let id = c
        .draft(
            "Установить светофор",
            "Просим установить светофор.",
            "Машины ездят быстро, детям опасно переходить дорогу.",
            Addressee::Akim,
            12,
        )
        .await?;
    ini::return_to_author(
        db,
        id,
        c.people.coordinator,
        "Укажите, где именно нужен светофор (улица, перекрёсток), и приложите схему.",
        c.ago(10),
    )
    .await?
    .map_err(|r| anyhow::anyhow!("demo return: {r}"))?;

    // Collecting signatures.
    let id = c
        .draft(
            "Ауыл көшелерін түнде жарықтандыру",
            "Көркем және Полтавка ауылдарының орталық көшелеріне **күн батареясымен** жұмыс істейтін шамдар орнатуды сұраймыз.",
            "Қыста сағат 17-ден кейін көшелер қараңғы болады; қарт адамдар мен оқушыларға қауіпті.",
            Addressee::Akim,
            25,
        )
        .await?;
    c.publish(id, 20).await?;
    c.resident_signs(id, 18).await?;
    c.paper(id, "1", 11, 15).await?;

    // Must be considered, answer not yet due.
    let id = c
        .draft(
            "Отремонтировать дорогу до районного центра",
            "Просим провести **ямочный ремонт** дороги от с. Коркем до трассы на Егиндыколь (около 12 км).",
            "Весной дорога становится непроезжей: скорая помощь и школьный автобус не могут проехать.",
            Addressee::Maslikhat,
            40,
        )
        .await?;
    c.publish(id, 35).await?;
    c.resident_signs(id, 30).await?;
    c.paper(id, "1", 30, 5).await?;

    // Must be considered, and the answer is overdue.
    let id = c
        .draft(
            "Алакөл ауылдық округінде фельдшерлік пункт ашу",
            "Округ орталығында тұрақты жұмыс істейтін **фельдшерлік-акушерлік пункт** ашуды сұраймыз.",
            "Ең жақын аурухана 60 шақырым жерде. Қыста жол жабылғанда тұрғындар көмексіз қалады.",
            Addressee::Akim,
            75,
        )
        .await?;
    c.publish(id, 70).await?;
    c.paper(id, "1", 30, 40).await?;

    // Answered (partly), being implemented.
    let id = c
        .draft(
            "Ауыл кітапханасын жөндеу",
            "Көркем ауылындағы кітапхананың шатыры мен жылыту жүйесін жөндеуді сұраймыз.",
            "Шатыр ағып тұр, қыста кітапхана жабылады; оқушылар сабаққа дайындалатын жер жоқ.",
            Addressee::Maslikhat,
            130,
        )
        .await?;
    c.publish(id, 120).await?;
    c.resident_signs(id, 115).await?;
    c.paper(id, "1", 30, 100).await?;
    c.answer(
        id,
        AnswerKind::Partly,
        "Шатырды жөндеу келесі жылдың бюджетіне енгізілді. Жылыту жүйесін ауыстыру облыстық бағдарлама арқылы қаралады.",
        "Шатырды жөндеу",
        80,
    )
    .await?;
    c.follow(
        id,
        FollowUp::InProgress,
        "Мердігермен шарт жасалды, жұмыс басталды.",
        30,
    )
    .await?;

    // Implemented.
    let id = c
        .draft(
            "Автобусная остановка с навесом в с. Коркем",
            "Просим построить **остановку с навесом и скамейкой** у поворота на село.",
            "Жители, в том числе пожилые и школьники, ждут автобус на обочине под дождём и снегом.",
            Addressee::Akim,
            310,
        )
        .await?;
    c.publish(id, 300).await?;
    c.resident_signs(id, 299).await?;
    c.paper(id, "1", 30, 280).await?;
    c.answer(
        id,
        AnswerKind::Accepted,
        "Остановка включена в план благоустройства округа на текущий год.",
        "Построить остановку с навесом",
        260,
    )
    .await?;
    c.follow(
        id,
        FollowUp::InProgress,
        "Заключён договор с подрядчиком.",
        150,
    )
    .await?;
    c.follow(
        id,
        FollowUp::Implemented,
        "Остановка построена и принята комиссией с участием жителей.",
        60,
    )
    .await?;

    // Closed: not enough signatures in six months.
    let id = c
        .draft(
            "Открыть спортивный зал в сельской школе по вечерам",
            "Просим открыть школьный спортзал для взрослых жителей по вечерам два раза в неделю.",
            "В селе нет другого места для занятий спортом зимой.",
            Addressee::Akim,
            215,
        )
        .await?;
    c.publish(id, 200).await?;
    c.paper(id, "1", 6, 190).await?;
    ini::sweep(db, c.now).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_iins_are_valid_and_distinct() {
        let key = IinKey::new(b"test");
        let all: std::collections::BTreeSet<Vec<u8>> = (0..400)
            .filter_map(synthetic_iin)
            .map(|i| key.fingerprint(&i))
            .collect();
        assert_eq!(all.len(), 400);
    }
}
