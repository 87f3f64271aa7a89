//! Messages that leave the server (хабарлама / сообщение): e-mail and SMS, delivered at least
//! once by a worker, retried with backoff, given up on after a day and shown to
//! administrators. Here: the channel, the retry schedule and what fits in one SMS.

use crate::code_enum;
use chrono::TimeDelta;

code_enum! {
    /// How a message travels.
    pub enum Channel {
        Email = "email",
        Sms = "sms",
    }
}

code_enum! {
    /// Where a message is in its delivery.
    pub enum Delivery {
        /// Waiting for its first or next attempt.
        Pending = "pending",
        /// Handed to the mail server or the SMS gateway, which accepted it.
        Sent = "sent",
        /// Given up on after the last retry, or refused for good; administrators see it.
        Failed = "failed",
    }
}

code_enum! {
    /// The language a person's messages are written in (Kazakh, the state language, unless
    /// they chose another).
    #[derive(Default)]
    pub enum Language {
        #[default]
        Kk = "kk",
        Ru = "ru",
        En = "en",
    }
}

/// Which channel reaches a person: the one they chose when they have that contact, else
/// e-mail when they have an address, else SMS; `None` without any contact.
pub fn channel_for(chosen: Option<Channel>, has_email: bool, has_phone: bool) -> Option<Channel> {
    match chosen {
        Some(Channel::Email) if has_email => Some(Channel::Email),
        Some(Channel::Sms) if has_phone => Some(Channel::Sms),
        _ if has_email => Some(Channel::Email),
        _ if has_phone => Some(Channel::Sms),
        _ => None,
    }
}

/// Waits before each retry; after the last one the message is failed. About a day in all:
/// a code or a notice older than that is no use to anyone.
pub const RETRY_WAITS: [TimeDelta; 6] = [
    TimeDelta::minutes(1),
    TimeDelta::minutes(5),
    TimeDelta::minutes(30),
    TimeDelta::hours(2),
    TimeDelta::hours(6),
    TimeDelta::hours(15),
];

/// After `attempts` failed attempts, how long to wait before the next one; `None` when the
/// message should be marked failed.
pub fn next_wait(attempts: u32) -> Option<TimeDelta> {
    let i = usize::try_from(attempts).ok()?.checked_sub(1)?;
    RETRY_WAITS.get(i).copied()
}

/// The characters one SMS segment takes when any character is outside GSM-7: Kazakh and
/// Russian letters always are, so texts are counted as UCS-2.
pub const SMS_UCS2_SEGMENT: usize = 70;
/// One segment when every character is in the GSM-7 basic set.
pub const SMS_GSM7_SEGMENT: usize = 160;

const GSM7_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡\
ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/// Does `text` fit in one SMS segment (so that it costs one message and arrives whole)?
pub fn fits_one_sms(text: &str) -> bool {
    if text.chars().all(|c| GSM7_BASIC.contains(c)) {
        text.chars().count() <= SMS_GSM7_SEGMENT
    } else {
        // UCS-2 counts UTF-16 code units: a character outside the BMP takes two.
        text.encode_utf16().count() <= SMS_UCS2_SEGMENT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_then_give_up() {
        assert_eq!(next_wait(0), None, "no attempt yet: nothing to wait for");
        assert_eq!(next_wait(1), Some(TimeDelta::minutes(1)));
        let waits: Vec<TimeDelta> = (1..=6).filter_map(next_wait).collect();
        assert!(waits.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(next_wait(7), None);
        let total: TimeDelta = RETRY_WAITS.iter().copied().sum();
        assert!(total >= TimeDelta::hours(23) && total <= TimeDelta::hours(25));
    }

    #[test]
    fn the_chosen_channel_is_used_only_with_its_contact() {
        assert_eq!(channel_for(None, true, true), Some(Channel::Email));
        assert_eq!(
            channel_for(Some(Channel::Sms), true, true),
            Some(Channel::Sms)
        );
        assert_eq!(
            channel_for(Some(Channel::Sms), true, false),
            Some(Channel::Email)
        );
        assert_eq!(
            channel_for(Some(Channel::Email), false, true),
            Some(Channel::Sms)
        );
        assert_eq!(channel_for(None, false, false), None);
    }

    #[test]
    fn kazakh_and_russian_texts_fit_in_seventy_characters() {
        let kk = "Qatysu: растау коды 123456. Ол 10 минут жарамды. Ешкімге айтпаңыз.";
        assert!(kk.chars().count() <= 70 && fits_one_sms(kk));
        assert!(!fits_one_sms(&"ә".repeat(71)));
        assert!(fits_one_sms(&"a".repeat(160)));
        assert!(!fits_one_sms(&"a".repeat(161)));
    }
}
