//! Demo civic initiatives in the Alakol rural okrug: one in every status, one of them with its
//! answer overdue, with signatures typed in from paper sheets (double entry) and online.

use super::act::{refused, Demo};
use app::initiatives::{self as ini, AnswerInput, DraftInput, Outcome, PaperOutcome, Territory};
use app::Actor;
use chrono::{NaiveDate, TimeDelta};
use domain::initiatives::{
    Addressee, AnswerKind, AnswerText, Body, FollowUp, Note, PaperLine, SheetNo, ThresholdRule,
    Title,
};
use domain::{Iin, Kato};
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

/// A paper sheet signed by demo people `from..to` living in `villages`, as typed from paper.
fn sheet(villages: &[Territory], from: u32, to: u32, on: NaiveDate) -> Vec<PaperLine> {
    (from..to)
        .filter_map(|n| {
            let iin = synthetic_iin(n)?;
            let v = villages.get(n as usize % villages.len().max(1))?;
            Some(PaperLine {
                name: format!(
                    "{} {}",
                    NAMES[n as usize % NAMES.len()],
                    SURNAMES[n as usize % SURNAMES.len()]
                ),
                iin,
                village: v.kato.to_string(),
                date: on,
            })
        })
        .collect()
}

fn done<R: std::fmt::Debug>(step: &str, outcome: Outcome<R>) -> anyhow::Result<()> {
    match outcome {
        Outcome::Done => Ok(()),
        Outcome::Refused(why) => Err(refused(step, why)),
    }
}

/// The okrug's people who act on its initiatives.
struct Ctx<'a> {
    d: &'a Demo,
    okrug: Territory,
    villages: Vec<Territory>,
    resident: Actor,
    coordinator: Actor,
    admin: Actor,
    official: Actor,
    next_signer: u32,
}

impl Ctx<'_> {
    /// The demo resident writes an initiative `days_ago` days ago.
    async fn draft(
        &self,
        title: &str,
        ask: &str,
        reasons: &str,
        addressee: Addressee,
        days_ago: i64,
    ) -> anyhow::Result<Uuid> {
        self.d.days_ago(days_ago);
        let input = DraftInput {
            territory_id: self.okrug.id,
            addressee,
            title: Title::parse(title).map_err(|e| refused("initiative title", e))?,
            ask: Body::parse(ask).map_err(|e| refused("initiative ask", e))?,
            reasons: Body::parse(reasons).map_err(|e| refused("initiative reasons", e))?,
        };
        Ok(ini::submit_initiative(&self.d.app, &self.resident, input).await?)
    }

    /// The coordinator publishes it: collection starts.
    async fn publish(&self, id: Uuid, days_ago: i64) -> anyhow::Result<()> {
        self.d.days_ago(days_ago);
        let outcome = ini::publish_initiative(&self.d.app, &self.coordinator, id).await?;
        done("publish", outcome)
    }

    /// The coordinator returns it to its author with a reason.
    async fn give_back(&self, id: Uuid, reason: &str, days_ago: i64) -> anyhow::Result<()> {
        self.d.days_ago(days_ago);
        let reason = Note::parse(reason).map_err(|e| refused("return reason", e))?;
        let outcome = ini::return_initiative(&self.d.app, &self.coordinator, id, &reason).await?;
        done("return", outcome)
    }

    /// `count` paper signatures, typed in twice (coordinator, then administrator).
    async fn paper(
        &mut self,
        id: Uuid,
        sheet_no: &str,
        count: u32,
        days_ago: i64,
    ) -> anyhow::Result<()> {
        self.d.days_ago(days_ago);
        let (from, to) = (self.next_signer, self.next_signer + count);
        let rows = sheet(&self.villages, from, to, self.d.app.clock.today());
        self.next_signer = to;
        let no = SheetNo::parse(sheet_no).map_err(|e| refused("sheet number", e))?;
        for by in [&self.coordinator, &self.admin] {
            let typed = ini::enter_paper_signatures(&self.d.app, by, id, &no, &rows).await?;
            if let PaperOutcome::Rows(why) = typed {
                return Err(refused("paper signatures", why));
            }
        }
        Ok(())
    }

    /// The demo resident signs online.
    async fn resident_signs(&self, id: Uuid, days_ago: i64) -> anyhow::Result<()> {
        self.d.days_ago(days_ago);
        match ini::sign_initiative(&self.d.app, &self.resident, id).await? {
            ini::SignOutcome::Signed { .. } => Ok(()),
            ini::SignOutcome::Refused(why) => Err(refused("signature", why)),
        }
    }

    /// The official answers, with a plan due four months from today.
    async fn answer(
        &self,
        id: Uuid,
        kind: AnswerKind,
        text: &str,
        plan: &str,
        days_ago: i64,
    ) -> anyhow::Result<()> {
        self.d.days_ago(days_ago);
        let a = AnswerInput {
            kind,
            text: AnswerText::parse(text).map_err(|e| refused("answer text", e))?,
            url: Some("https://adilet.zan.kz/".into()),
            plan: plan.into(),
            plan_due: Some((self.d.now + TimeDelta::days(120)).date_naive()),
        };
        done(
            "answer",
            ini::answer_initiative(&self.d.app, &self.official, id, a).await?,
        )
    }

    async fn follow(
        &self,
        id: Uuid,
        step: FollowUp,
        note: &str,
        days_ago: i64,
    ) -> anyhow::Result<()> {
        self.d.days_ago(days_ago);
        let note = Note::parse(note).map_err(|e| refused("follow-up note", e))?;
        let outcome = ini::follow_up(&self.d.app, &self.official, id, step, &note).await?;
        done("follow-up", outcome)
    }
}

pub async fn seed(d: &Demo) -> anyhow::Result<()> {
    let app = &d.app;
    let okrug = app::territories::by_kato(app, &Kato::parse(OKRUG)?).await?;
    let official = d.actor("official@demo.qatysu.kz").await?;
    // The okrug's rule was set before the oldest initiative below.
    d.days_ago(320);
    let set = ini::set_initiative_rules(app, &official, &okrug, &demo_rule()).await?;
    done("initiative rules", set)?;
    let mut c = Ctx {
        d,
        villages: ini::villages_under(app, &okrug).await?,
        okrug,
        resident: d.actor("resident@demo.qatysu.kz").await?,
        coordinator: d.actor("coordinator@demo.qatysu.kz").await?,
        admin: d.actor("admin@demo.qatysu.kz").await?,
        official,
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
    c.give_back(
        id,
        "Укажите, где именно нужен светофор (улица, перекрёсток), и приложите схему.",
        10,
    )
    .await?;

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
    // Collections that ended below the threshold close, as any page would close them today.
    d.days_ago(0);
    ini::sweep(app).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::IinKey;

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
