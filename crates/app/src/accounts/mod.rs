//! Accounts (есептік жазба / учётная запись): registering, logging in and out, the account page,
//! passwords (argon2id, off the async threads) and adding accounts outside the form.

mod add;
mod codes;
mod contact;
mod directory;
pub mod egov;
mod levels;
mod passwords;
mod profile;
mod register;
mod reset;
mod residence;
mod sessions;
pub(crate) mod throttle;

pub use add::{add_account, AccountSpec, AddAccountError};
pub use codes::{check_code, issue_code, send_code, Accepted};
pub use contact::{
    confirm_contact, contact_of, contact_state, request_contact_change, resend_code,
    ChangeRequested, CodeLimits, CodeRequest, ContactConfirmed, ContactState, Resent,
};
pub(crate) use directory::default_scope;
pub use directory::{
    account_history, directory, may_view_accounts, AccountHistory, Directory, DirectoryFilter,
    HistoryLine, PAGE_SIZE,
};
pub use levels::{apply_level_event, event_reaching, level_changes};
pub use passwords::{hash_password, verify_password, Hashing};
pub use profile::{change_password, count, profile, HeldRole, PasswordChanged, Profile, User};
pub use register::{
    is_settlement, register, DisplayName, Registered, Registration, RegistrationLimits,
};
pub use reset::{request_reset, reset_password, PasswordReset};
pub use residence::{move_residence, Moved};
pub use sessions::{
    end_session, log_in, purge_expired, start_session, LoggedIn, LoginLimits, SessionTtl,
};
pub use store::accounts::directory::Listed;
