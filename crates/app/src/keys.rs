//! Keys derived from the one server secret, one per purpose, so no key serves two jobs.

use domain::accounts::CodePurpose;
use domain::IinKey;
use hmac::{Hmac, Mac};
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, CHACHA20_POLY1305, NONCE_LEN};
use sha2::Sha256;
use store::pb::voters::{BallotSeal, Link};
use uuid::Uuid;

pub struct Keys {
    /// Keyed fingerprints of IINs: the same person gives the same fingerprint on every
    /// instance, and the IIN itself is never stored.
    pub iin: IinKey,
    /// Seals the link from a voter to their ballot (a secret ballot): the store passes it to
    /// what must find a person's ballot.
    pub ballots: BallotKey,
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
            ballots: BallotKey::new(&derive(secret, b"ballot links")),
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

/// ChaCha20-Poly1305 under a key of its own: a voter row's `sealed` is a random nonce and the
/// ballot id and receipt encrypted, bound (as associated data) to that voter row's cycle and
/// person, so it opens for no other row. Whoever reads the database without the server
/// secret cannot tell whose ballot is whose.
pub struct BallotKey(LessSafeKey);

impl BallotKey {
    fn new(key: &[u8]) -> BallotKey {
        let key = UnboundKey::new(&CHACHA20_POLY1305, key)
            .unwrap_or_else(|_| unreachable!("HMAC-SHA-256 gives the 32 bytes of a key"));
        BallotKey(LessSafeKey::new(key))
    }
}

/// The voter row a sealed link belongs to: its cycle and person.
fn voter_row(cycle: Uuid, person: &[u8]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(16 + person.len());
    aad.extend_from_slice(cycle.as_bytes());
    aad.extend_from_slice(person);
    aad
}

impl BallotSeal for BallotKey {
    fn seal(&self, cycle: Uuid, person: &[u8], link: &Link) -> Vec<u8> {
        let nonce: [u8; NONCE_LEN] = rand::random();
        let mut sealed = Vec::with_capacity(NONCE_LEN + 16 + link.receipt.len() + 16);
        sealed.extend_from_slice(&nonce);
        let mut text = Vec::with_capacity(16 + link.receipt.len() + 16);
        text.extend_from_slice(link.ballot.as_bytes());
        text.extend_from_slice(link.receipt.as_bytes());
        self.0
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(voter_row(cycle, person)),
                &mut text,
            )
            .unwrap_or_else(|_| unreachable!("a ballot link is far below the AEAD's limit"));
        sealed.extend_from_slice(&text);
        sealed
    }

    fn open(&self, cycle: Uuid, person: &[u8], sealed: &[u8]) -> Option<Link> {
        let (nonce, text) = sealed.split_at_checked(NONCE_LEN)?;
        let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
        let mut text = text.to_vec();
        let plain = self
            .0
            .open_in_place(nonce, Aad::from(voter_row(cycle, person)), &mut text)
            .ok()?;
        let (ballot, receipt) = plain.split_at_checked(16)?;
        Some(Link {
            ballot: Uuid::from_slice(ballot).ok()?,
            receipt: String::from_utf8(receipt.to_vec()).ok()?,
        })
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

    #[test]
    fn a_ballot_link_opens_only_for_its_voter_row_and_key() {
        let k = Keys::derive(b"0123456789abcdef0123456789abcdef");
        let link = Link {
            ballot: store::pb::voters::new_ballot_id(),
            receipt: "K7M2P9Q4RX".into(),
        };
        let cycle = Uuid::now_v7();
        let sealed = k.ballots.seal(cycle, b"person", &link);
        assert_eq!(
            k.ballots.open(cycle, b"person", &sealed),
            Some(link.clone())
        );
        // A fresh nonce each time: the same link never seals to the same bytes.
        assert_ne!(k.ballots.seal(cycle, b"person", &link), sealed);
        assert_eq!(k.ballots.open(cycle, b"another", &sealed), None);
        assert_eq!(k.ballots.open(Uuid::now_v7(), b"person", &sealed), None);
        let mut altered = sealed.clone();
        if let Some(last) = altered.last_mut() {
            *last ^= 1;
        }
        assert_eq!(k.ballots.open(cycle, b"person", &altered), None);
        assert_eq!(k.ballots.open(cycle, b"person", &sealed[..10]), None);
        let other = Keys::derive(b"another secret of at least 32 chars!");
        assert_eq!(other.ballots.open(cycle, b"person", &sealed), None);
    }
}
