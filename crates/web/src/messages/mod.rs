//! Messages that leave the server: what they say ([`render`], used by the sender at send
//! time), how a person wants to be reached (`POST /account/messages`, a form on the account
//! page) and the administrators' view of the queue (`/admin/messages`).

mod admin;
pub mod render;

use crate::extract::Form;
use crate::pages::{require_viewer, Ctx, FieldErrors, Rejected};
use crate::{AppError, AppState};
use app::messages::{MessagePreferences, PreferencesRefused, PreferencesView};
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use domain::messages::{Channel, Language};
use serde::Deserialize;

pub use render::{render, Links, Rendered};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/account/messages", post(save_preferences))
        .route("/admin/messages", get(admin::page))
}

/// One `<option>`: (code, label, chosen).
pub type Choice = (&'static str, String, bool);

/// The "how we reach you" form on the account page.
pub struct PreferencesForm {
    pub languages: Vec<Choice>,
    /// Empty when the person has no contact: they read notices on the site.
    pub channels: Vec<Choice>,
}

fn channel_label(c: &Ctx, ch: Option<Channel>) -> String {
    c.t(match ch {
        None => "messages-prefs-channel-auto",
        Some(Channel::Email) => "messages-prefs-channel-email",
        Some(Channel::Sms) => "messages-prefs-channel-sms",
    })
}

/// The form as the person's preferences stand.
pub fn preferences_form(c: &Ctx, v: &PreferencesView) -> PreferencesForm {
    let languages = Language::ALL
        .into_iter()
        .map(|l| {
            let name = crate::i18n::Lang::parse(l.as_str())
                .map(|x| x.native_name().to_string())
                .unwrap_or_default();
            (l.as_str(), name, v.chosen.language == l)
        })
        .collect();
    let channels = if v.channels.is_empty() {
        Vec::new()
    } else {
        std::iter::once(("", channel_label(c, None), v.chosen.channel.is_none()))
            .chain(v.channels.iter().map(|&ch| {
                (
                    ch.as_str(),
                    channel_label(c, Some(ch)),
                    v.chosen.channel == Some(ch),
                )
            }))
            .collect()
    };
    PreferencesForm {
        languages,
        channels,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PreferencesInput {
    language: String,
    channel: String,
}

async fn save_preferences(
    State(s): State<AppState>,
    c: Ctx,
    Form(f): Form<PreferencesInput>,
) -> Result<Response, AppError> {
    let v = require_viewer(&c)?;
    let mut errors = FieldErrors::default();
    let language = Language::parse(f.language.trim());
    if language.is_none() {
        errors.add("language", c.t("form-has-errors"));
    }
    let channel = match f.channel.trim() {
        "" => Ok(None),
        code => Channel::parse(code).map(Some).ok_or(()),
    };
    let (Some(language), Ok(channel)) = (language, channel) else {
        if errors.is_empty() {
            errors.add("channel", c.t("messages-prefs-no-contact"));
        }
        return crate::accounts::account_page(&s, &c, &Rejected::invalid(errors)).await;
    };
    let p = MessagePreferences { language, channel };
    match app::messages::set_preferences(&s.app, v, p).await? {
        Ok(()) => Ok(Redirect::to("/account?ok=messages-preferences-saved").into_response()),
        Err(PreferencesRefused::NoSuchContact) => {
            let r = Rejected::field("channel", c.t("messages-prefs-no-contact"));
            crate::accounts::account_page(&s, &c, &r).await
        }
    }
}
