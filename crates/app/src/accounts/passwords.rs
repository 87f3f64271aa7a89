use crate::{Error, Result};
use domain::Password;

/// Hash with argon2id off the async threads: it is deliberately slow.
pub async fn hash_password(p: Password) -> Result<String> {
    tokio::task::spawn_blocking(move || password_auth::generate_hash(p.expose()))
        .await
        .map_err(|e| Error::Internal(format!("hashing task: {e}")))
}

/// A hash of a password nobody has, checked when the account does not exist, so that a
/// wrong login takes as long whether or not the phone or e-mail is registered.
const DECOY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$0HnDGE3GqQqv1CqDPhpXlw2yaiEJFvm6sBs9UWUhOgs";

pub async fn verify_password(candidate: String, hash: Option<String>) -> bool {
    let exists = hash.is_some();
    let hash = hash.unwrap_or_else(|| DECOY.to_string());
    let ok = tokio::task::spawn_blocking(move || {
        password_auth::verify_password(candidate, &hash).is_ok()
    })
    .await
    .unwrap_or(false);
    ok && exists
}
