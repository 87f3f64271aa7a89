//! Accounts: passwords (argon2id, off the async threads) and adding accounts outside the
//! registration form.

mod add;
mod passwords;

pub use add::{add_account, AccountSpec, AddAccountError};
pub use passwords::{hash_password, verify_password};
