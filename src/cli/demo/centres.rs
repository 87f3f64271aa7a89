//! The demo's participation centre: the administrator describes it in the Alakol rural okrug
//! a month ago and names the registrar who works there, through the same use cases as the
//! centre's pages.

use super::act::Demo;
use domain::centres::{CentreDraft, CentreInput};
use domain::Contact;

/// Where the centre is: the okrug every demo account lives in.
const OKRUG: &str = "114435000";

pub async fn seed(d: &Demo) -> anyhow::Result<()> {
    let admin = d.actor("admin@demo.qatysu.kz").await?;
    let okrug = app::territories::by_code(&d.app, OKRUG).await?;
    let draft = CentreDraft::parse(&CentreInput {
        name_kk: "Алакөл ауылдық округінің цифрлық қатысу орталығы",
        name_ru: "Центр цифрового участия Алакольского сельского округа",
        address_kk: "Көркем а., Бейбітшілік к., 12, әкім аппаратының ғимараты",
        address_ru: "с. Коркем, ул. Бейбитшилик, 12, здание аппарата акима",
        hours: "Дс–Жм 09:00–18:00 / Пн–Пт 09:00–18:00",
        phone: "8 (71642) 2-11-45",
    })
    .map_err(|wrong| anyhow::anyhow!("demo centre: {wrong:?}"))?;
    d.days_ago(30);
    let centre_id = app::centres::create(&d.app, &admin, &okrug, &draft).await?;
    let centre = app::centres::by_id(&d.app, centre_id).await?;
    let registrar = Contact::parse(REGISTRAR).map_err(|e| anyhow::anyhow!("{e}"))?;
    match app::centres::add_registrar(&d.app, &admin, &centre, &registrar).await? {
        app::centres::RegistrarAdded::Yes => Ok(()),
        other => Err(super::act::refused("naming the registrar", other)),
    }
}

/// The registrar's account (in [`super::ACCOUNTS`]).
pub const REGISTRAR: &str = "registrar@demo.qatysu.kz";
