//! Password reset (құпиясөзді қалпына келтіру / восстановление пароля) by a one-time code sent
//! to the account's phone or e-mail. The request's answer is the same whether or not the
//! contact is on an account; the right code sets the new password, ends every session of the
//! account and counts as a confirmation of the contact.

use super::contact::{apply_confirmation, over_limit, CodeLimits, CodeRequest};
use crate::{App, Result};
use domain::accounts::codes::normalize;
use domain::accounts::{CodePurpose, CodeRefusal};
use domain::{Contact, Password};

/// Ask for a reset code: sent to `contact` when it is an account's, nothing otherwise — the
/// answer is the same ("if this contact can be used, a code was sent").
pub async fn request_reset(
    app: &App,
    contact: &Contact,
    ip: &str,
    limits: &CodeLimits,
) -> Result<CodeRequest> {
    if let Some(minutes) = over_limit(app, ip, contact, limits).await? {
        return Ok(CodeRequest::Throttled { minutes });
    }
    match store::accounts::credentials(&app.db, contact).await? {
        Some((user, _)) => {
            super::send_code(app, user.id, CodePurpose::ResetPassword, contact).await?;
        }
        None => tracing::info!("password reset asked for a contact on no account: nothing sent"),
    }
    Ok(CodeRequest::Sent)
}

/// What typing a reset code came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordReset {
    /// The new password is set and every session ended.
    Done,
    /// Wrong, expired, spent, used or malformed (a contact on no account answers `Wrong`).
    Refused(CodeRefusal),
}

/// Check the reset code sent to `contact` and set `new` as the password.
pub async fn reset_password(
    app: &App,
    contact: &Contact,
    typed: &str,
    new: Password,
) -> Result<PasswordReset> {
    if let Err(r) = normalize(typed) {
        return Ok(PasswordReset::Refused(r));
    }
    let Some((user, _)) = store::accounts::credentials(&app.db, contact).await? else {
        return Ok(PasswordReset::Refused(CodeRefusal::Wrong));
    };
    let accepted = match super::check_code(app, user.id, CodePurpose::ResetPassword, typed).await? {
        Ok(a) => a,
        Err(r) => return Ok(PasswordReset::Refused(r)),
    };
    // A code sent to a contact the account no longer has proves nothing about it.
    if accepted.contact.as_deref() != Some(contact.as_str()) {
        return Ok(PasswordReset::Refused(CodeRefusal::Wrong));
    }
    let hash = super::hash_password(app, new).await?;
    apply_confirmation(app, user.id, None, Some(&hash)).await?;
    tracing::info!(user = %user.id, "password reset by code; sessions ended");
    Ok(PasswordReset::Done)
}
