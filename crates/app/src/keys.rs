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
    sealing: Vec<u8>,
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
            sealing: derive(secret, b"sealed values"),
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

    /// `payload` with a MAC bound to `purpose`, as one cookie-safe string (hex, a dot, hex).
    /// Sealed is not secret: the holder can read the payload, never change it.
    pub fn seal(&self, purpose: &str, payload: &[u8]) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.sealing)
            .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(payload);
        format!(
            "{}.{}",
            hex::encode(payload),
            hex::encode(mac.finalize().into_bytes())
        )
    }

    /// The payload of a value [`Keys::seal`]ed for `purpose`; `None` when anything differs.
    pub fn unseal(&self, purpose: &str, sealed: &str) -> Option<Vec<u8>> {
        let (payload, tag) = sealed.split_once('.')?;
        let payload = hex::decode(payload).ok()?;
        let tag = hex::decode(tag).ok()?;
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.sealing)
            .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(&payload);
        mac.verify_slice(&tag).ok()?;
        Some(payload)
    }

    /// The form token (32 bytes, before masking) for a browser's CSRF cookie and, when the
    /// browser is signed in, its session: an HMAC over the SHA-256 of the session token and the
    /// cookie, so a (cookie, token) pair taken from another session is worth nothing here.
    pub fn csrf_token(&self, cookie: &str, session: Option<&str>) -> Vec<u8> {
        use sha2::Digest;
        let mut label = Vec::with_capacity(cookie.len() + 40);
        match session {
            Some(token) => {
                label.extend_from_slice(b"session:");
                label.extend_from_slice(&Sha256::digest(token.as_bytes()));
            }
            None => label.extend_from_slice(b"anonymous:"),
        }
        label.extend_from_slice(cookie.as_bytes());
        derive(&self.csrf, &label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_only_unchanged_and_for_its_purpose() {
        let k = Keys::derive(b"0123456789abcdef0123456789abcdef");
        let sealed = k.seal("a", b"payload");
        assert_eq!(k.unseal("a", &sealed).as_deref(), Some(&b"payload"[..]));
        assert_eq!(k.unseal("b", &sealed), None);
        let forged = format!("{}{}", hex::encode(b"payloaD"), &sealed[14..]);
        assert_eq!(k.unseal("a", &forged), None);
        let other = Keys::derive(b"another secret of at least 32 chars!");
        assert_eq!(other.unseal("a", &sealed), None);
    }
}
