//! Keys derived from the one server secret, one per purpose, so no key serves two jobs.

use domain::accounts::CodePurpose;
use domain::IinKey;
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub struct Keys {
    /// Keyed fingerprints of IINs: the same person gives the same fingerprint on every
    /// instance, and the IIN itself is never stored.
    pub iin: IinKey,
    csrf: Vec<u8>,
    codes: Vec<u8>,
    presence: Vec<u8>,
}

fn derive(secret: &[u8], label: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(label);
    mac.finalize().into_bytes().to_vec()
}

fn code_mac(key: &[u8], user: uuid::Uuid, purpose: CodePurpose, code: &str) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(user.as_bytes());
    mac.update(purpose.as_str().as_bytes());
    mac.update(code.as_bytes());
    mac
}

impl Keys {
    pub fn derive(secret: &[u8]) -> Keys {
        Keys {
            iin: IinKey::new(&derive(secret, b"iin")),
            csrf: derive(secret, b"csrf"),
            codes: derive(secret, b"one-time codes"),
            presence: derive(secret, b"presence codes"),
        }
    }

    /// What is stored of a one-time code: bound to the account and the purpose, so a code
    /// leaked from one row proves nothing for another.
    pub fn code_hash(&self, user: uuid::Uuid, purpose: CodePurpose, code: &str) -> Vec<u8> {
        code_mac(&self.codes, user, purpose, code)
            .finalize()
            .into_bytes()
            .to_vec()
    }

    /// Is `typed` the code whose hash is `stored`? Compared in constant time.
    pub fn code_matches(
        &self,
        user: uuid::Uuid,
        purpose: CodePurpose,
        typed: &str,
        stored: &[u8],
    ) -> bool {
        code_mac(&self.codes, user, purpose, typed)
            .verify_slice(stored)
            .is_ok()
    }

    /// The presence code of `user` in ten-minute `window`
    /// ([`domain::centres::presence::window_of`]): nothing is stored, so every instance
    /// shows and accepts the same code.
    pub fn presence_code(&self, user: uuid::Uuid, window: i64) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.presence)
            .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
        mac.update(user.as_bytes());
        mac.update(&window.to_be_bytes());
        domain::centres::presence::digits(&mac.finalize().into_bytes())
    }

    /// The form token for a browser's CSRF cookie.
    pub fn csrf_token(&self, cookie: &str) -> String {
        hex::encode(derive(&self.csrf, cookie.as_bytes()))
    }
}
