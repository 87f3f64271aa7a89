//! Keys derived from the one server secret, one per purpose, so no key serves two jobs.

use domain::IinKey;
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub struct Keys {
    /// Keyed fingerprints of IINs: the same person gives the same fingerprint on every
    /// instance, and the IIN itself is never stored.
    pub iin: IinKey,
    csrf: Vec<u8>,
}

fn derive(secret: &[u8], label: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(label);
    mac.finalize().into_bytes().to_vec()
}

impl Keys {
    pub fn derive(secret: &[u8]) -> Keys {
        Keys {
            iin: IinKey::new(&derive(secret, b"iin")),
            csrf: derive(secret, b"csrf"),
        }
    }

    /// The form token for a browser's CSRF cookie.
    pub fn csrf_token(&self, cookie: &str) -> String {
        hex::encode(derive(&self.csrf, cookie.as_bytes()))
    }
}
