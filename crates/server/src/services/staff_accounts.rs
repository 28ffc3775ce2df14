//! Making a staff account, the one way: from an invitation (the portal's join page) or by
//! `hangmat create-admin`. Core checks the username; the password is hashed and the TOTP secret
//! sealed here, so no path stores either in the clear.

use crate::portal::credentials::{MIN_PASSWORD_CHARS, hash_password, new_totp_secret, otpauth_url};
use crate::random::Random;
use crate::secret_key::SecretKey;
use hangmat_core::account::check_username;
use hangmat_core::policy::StaffRole;
use hangmat_store::{StaffAccount, StaffId, StaffSecrets, Store, StoreError};
use jiff::Timestamp;

/// Who a new account is for. The username is core-checked by [`new_account`].
#[derive(Debug)]
pub struct AccountRequest<'a> {
    pub role: StaffRole,
    pub username: &'a str,
    pub display_name: &'a str,
    pub language: &'a str,
    pub password: String,
    /// The TOTP secret shown to the new account (base32), sealed before it is stored.
    pub totp_secret: &'a str,
}

/// Why a new account cannot be made as asked.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error(transparent)]
    Username(#[from] hangmat_core::account::UsernameError),
    #[error("the password needs at least {MIN_PASSWORD_CHARS} characters")]
    PasswordShort,
    #[error("the password could not be hashed")]
    Hashing(#[source] anyhow::Error),
}

/// What joining by an invitation did.
pub enum Joined {
    Made,
    /// The invitation was used or expired meanwhile.
    Gone,
    Refused(JoinRefusal),
}

/// Why the account asked for on the join page cannot be made; the page says what to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinRefusal {
    UsernameInvalid,
    PasswordShort,
    UsernameTaken,
}

/// Makes the invited account (username checked, password hashed, secret sealed, `step` recorded
/// as the authenticator code already used) and closes the invitation, in the store's one
/// transaction.
pub async fn join_by_invitation(
    store: &dyn Store,
    token_hash: &str,
    request: AccountRequest<'_>,
    step: i64,
    now: Timestamp,
    secret_key: &SecretKey,
    random: &Random,
) -> Result<Joined, StoreError> {
    let (account, mut secrets) = match new_account(request, now, secret_key, random).await {
        Ok(made) => made,
        Err(AccountError::Username(_)) => return Ok(Joined::Refused(JoinRefusal::UsernameInvalid)),
        Err(AccountError::PasswordShort) => return Ok(Joined::Refused(JoinRefusal::PasswordShort)),
        Err(AccountError::Hashing(e)) => return Err(StoreError::Database(e.into())),
    };
    secrets.totp_last_step = Some(step);
    match store
        .accept_invitation(token_hash, now, &account, &secrets)
        .await
    {
        Ok(true) => Ok(Joined::Made),
        Ok(false) => Ok(Joined::Gone),
        Err(StoreError::IdTaken) => Ok(Joined::Refused(JoinRefusal::UsernameTaken)),
        Err(error) => Err(error),
    }
}

/// A new account and its secrets, checked, hashed and sealed, ready for the store.
pub async fn new_account(
    request: AccountRequest<'_>,
    now: Timestamp,
    secret_key: &SecretKey,
    random: &Random,
) -> Result<(StaffAccount, StaffSecrets), AccountError> {
    let username = check_username(request.username)?;
    if request.password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AccountError::PasswordShort);
    }
    let account = StaffAccount {
        id: StaffId(random.uuid_v7(now)),
        role: request.role,
        username,
        display_name: request.display_name.trim().to_owned(),
        language: request.language.to_owned(),
        created_at: now,
        ended_at: None,
        last_sign_in_at: None,
    };
    let password_hash = hash_password(request.password)
        .await
        .map_err(AccountError::Hashing)?;
    let secrets = StaffSecrets {
        password_hash: Some(password_hash),
        totp_secret: Some(secret_key.seal(account.id, request.totp_secret)),
        totp_last_step: None,
    };
    Ok((account, secrets))
}

/// What `hangmat create-admin` made: the TOTP secret to enter in an authenticator app.
#[derive(Debug)]
pub struct NewAdmin {
    pub totp_secret: String,
    pub otpauth_url: String,
}

/// The admin `hangmat create-admin` is asked to make.
#[derive(Debug)]
pub struct AdminRequest<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub language: &'a str,
    pub password: String,
}

/// Creates an admin account (the first one, or another) with a password and a TOTP secret
/// (stored sealed with `secret_key`; the plain one is returned to show once).
pub async fn create_admin(
    store: &dyn Store,
    deployment_name: &str,
    request: AdminRequest<'_>,
    now: Timestamp,
    secret_key: &SecretKey,
    random: &Random,
) -> anyhow::Result<NewAdmin> {
    let AdminRequest {
        username,
        display_name,
        language,
        password,
    } = request;
    let totp_secret = new_totp_secret(random);
    let request = AccountRequest {
        role: StaffRole::Admin,
        username,
        display_name,
        language,
        password,
        totp_secret: &totp_secret,
    };
    let (account, secrets) = new_account(request, now, secret_key, random).await?;
    let username = account.username.clone();
    match store.create_staff(&account, &secrets).await {
        Err(StoreError::IdTaken) => anyhow::bail!("the username {username} is taken"),
        other => other?,
    }
    Ok(NewAdmin {
        otpauth_url: otpauth_url(deployment_name, &username, &totp_secret),
        totp_secret,
    })
}
