//! What a message says, written when it is sent, in the recipient's language: an e-mail's
//! subject and plain text, and a text message that fits one SMS segment.

use crate::i18n::{Arg, Lang};
use app::messages::About;
use domain::accounts::CodePurpose;
use domain::initiatives::EventKind;
use domain::messages::{fits_one_sms, Language};

/// A message written out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    /// The e-mail's plain text.
    pub text: String,
    /// The text message: one 70-character UCS-2 segment in every language.
    pub sms: String,
}

/// Where the site is, for links in e-mails (`https://qatysu.example.kz`, no trailing slash);
/// without it an e-mail names the page instead.
#[derive(Debug, Clone, Default)]
pub struct Links {
    pub public_url: Option<String>,
}

fn lang_of(l: Language) -> Lang {
    match l {
        Language::Kk => Lang::Kk,
        Language::Ru => Lang::Ru,
        Language::En => Lang::En,
    }
}

/// Write message `about` to `name` in `language`.
pub fn render(language: Language, name: &str, about: &About, links: &Links) -> Rendered {
    let lang = lang_of(language);
    match about {
        About::Code { purpose, digits } => code(lang, name, *purpose, digits),
        About::InitiativeNotice(n) => {
            let url = links.public_url.as_ref().map(|base| {
                format!(
                    "{}/initiatives/{}",
                    base.trim_end_matches('/'),
                    n.initiative_id
                )
            });
            notice(lang, name, n.kind, &n.title, url.as_deref())
        }
    }
}

fn validity(lang: Lang, purpose: CodePurpose) -> String {
    let life = purpose.lifetime();
    if life.num_days() >= 1 {
        lang.t_args("messages-valid-days", &[("n", Arg::Num(life.num_days()))])
    } else {
        lang.t_args(
            "messages-valid-minutes",
            &[("n", Arg::Num(life.num_minutes()))],
        )
    }
}

fn code(lang: Lang, name: &str, purpose: CodePurpose, digits: &str) -> Rendered {
    let valid = validity(lang, purpose);
    let d = || Arg::Str(digits.to_string());
    let (subject, line) = match purpose {
        CodePurpose::ConfirmContact => (
            lang.t("messages-code-subject-confirm-contact"),
            lang.t_args("messages-code-line-confirm-contact", &[("digits", d())]),
        ),
        CodePurpose::ResetPassword => (
            lang.t("messages-code-subject-reset-password"),
            lang.t_args("messages-code-line-reset-password", &[("digits", d())]),
        ),
        CodePurpose::SlipSignIn => (
            lang.t("messages-code-subject-slip-sign-in"),
            lang.t_args("messages-code-line-slip-sign-in", &[("digits", d())]),
        ),
        CodePurpose::SignIn => (
            lang.t("messages-code-subject-sign-in"),
            lang.t_args("messages-code-line-sign-in", &[("digits", d())]),
        ),
        CodePurpose::ConfirmAssistedBallot => (
            lang.t("messages-code-subject-confirm-assisted-ballot"),
            lang.t_args(
                "messages-code-line-confirm-assisted-ballot",
                &[("digits", d())],
            ),
        ),
    };
    let text = [
        lang.t_args("messages-greeting", &[("name", Arg::Str(name.to_string()))]),
        line,
        lang.t_args(
            "messages-code-what-to-do",
            &[("valid", Arg::Str(valid.clone()))],
        ),
        lang.t("messages-code-never-share"),
        lang.t("messages-code-not-you"),
    ]
    .join("\n\n");
    let sms = lang.t_args(
        "messages-code-sms",
        &[("digits", d()), ("valid", Arg::Str(valid))],
    );
    Rendered {
        subject,
        text: text + "\n",
        sms,
    }
}

fn event_text(lang: Lang, kind: EventKind) -> String {
    lang.t(match kind {
        EventKind::Submitted => "messages-event-submitted",
        EventKind::Resubmitted => "messages-event-resubmitted",
        EventKind::Published => "messages-event-published",
        EventKind::Returned => "messages-event-returned",
        EventKind::Threshold => "messages-event-threshold",
        EventKind::Expired => "messages-event-expired",
        EventKind::Answered => "messages-event-answered",
        EventKind::InProgress => "messages-event-in-progress",
        EventKind::Implemented => "messages-event-implemented",
        EventKind::Closed => "messages-event-closed",
    })
}

fn notice(lang: Lang, name: &str, kind: EventKind, title: &str, url: Option<&str>) -> Rendered {
    let event = event_text(lang, kind);
    let s = |v: &str| Arg::Str(v.to_string());
    let more = match url {
        Some(u) => lang.t_args("messages-notice-link", &[("url", s(u))]),
        None => lang.t("messages-notice-where"),
    };
    let text = [
        lang.t_args("messages-greeting", &[("name", s(name))]),
        lang.t_args(
            "messages-notice-line",
            &[("title", s(title)), ("event", s(&event.to_lowercase()))],
        ),
        more,
        lang.t("messages-notice-why"),
    ]
    .join("\n\n");
    Rendered {
        subject: lang.t_args("messages-notice-subject", &[("event", s(&event))]),
        text: text + "\n",
        sms: notice_sms(lang, &event, title),
    }
}

/// "Qatysu: Initiative published: “Water for …”": the title shortened until the text fits
/// one segment.
fn notice_sms(lang: Lang, event: &str, title: &str) -> String {
    let write = |t: &str| {
        lang.t_args(
            "messages-notice-sms",
            &[
                ("event", Arg::Str(event.to_string())),
                ("title", Arg::Str(t.to_string())),
            ],
        )
    };
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let full = write(&title);
    if fits_one_sms(&full) {
        return full;
    }
    let chars: Vec<char> = title.chars().collect();
    (0..chars.len())
        .rev()
        .map(|n| {
            let cut: String = chars[..n].iter().collect();
            write(&format!("{}…", cut.trim_end()))
        })
        .find(|t| fits_one_sms(t))
        .unwrap_or_else(|| write("…"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::messages::NoticeSubject;

    const LONGEST_NAME: &str = "Жанарбек Сұлтанмахмұтұлы Жақсыбеков-Оразалиев";

    #[test]
    fn every_text_message_fits_one_segment_in_every_language() {
        let long_title = "Ауылдық округтің барлық көшелерін жарықтандыру, су құбырын жөндеу және \
                          балалар алаңын салу туралы азаматтық бастама"
            .repeat(2);
        for language in Language::ALL {
            for purpose in CodePurpose::ALL {
                let about = About::Code {
                    purpose,
                    digits: "999999".into(),
                };
                let r = render(language, LONGEST_NAME, &about, &Links::default());
                assert!(fits_one_sms(&r.sms), "{language:?} {purpose:?}: {}", r.sms);
                assert!(r.sms.contains("999999") && r.text.contains("999999"));
                assert!(!r.subject.contains("999999"), "no code in a subject line");
            }
            for kind in EventKind::ALL {
                let about = About::InitiativeNotice(NoticeSubject {
                    initiative_id: uuid::Uuid::nil(),
                    title: long_title.clone(),
                    kind,
                });
                let links = Links {
                    public_url: Some("https://qatysu.example.kz/".into()),
                };
                let r = render(language, LONGEST_NAME, &about, &links);
                assert!(fits_one_sms(&r.sms), "{language:?} {kind:?}: {}", r.sms);
                assert!(
                    r.sms.contains("Ауылдық"),
                    "some of the title stays: {}",
                    r.sms
                );
                assert!(r.text.contains(&long_title));
                assert!(r
                    .text
                    .contains("https://qatysu.example.kz/initiatives/00000000-"));
            }
        }
    }

    #[test]
    fn messages_are_written_in_the_recipients_language() {
        let about = About::Code {
            purpose: CodePurpose::ConfirmContact,
            digits: "123456".into(),
        };
        let r = |l| render(l, "Айгүл", &about, &Links::default()).sms;
        assert_eq!(
            r(Language::Kk),
            "Qatysu: код 123456, 10 минут. Ешкімге айтпаңыз."
        );
        assert_eq!(
            r(Language::Ru),
            "Qatysu: код 123456, 10 минут. Никому не сообщайте."
        );
        assert_eq!(
            r(Language::En),
            "Qatysu: code 123456, valid 10 minutes. Do not share it."
        );
        let slip = About::Code {
            purpose: CodePurpose::SlipSignIn,
            digits: "123456".into(),
        };
        let text = render(Language::Ru, "Айгүл", &slip, &Links::default()).text;
        assert!(text.contains("7 дней"), "{text}");
        assert!(text.starts_with("Здравствуйте, Айгүл!"));
    }
}
