//! Staff accounts' rules: what a username may be. Every path that makes or renames an account
//! (joining from an invitation, `hangmat create-admin`) asks here, and signing in normalizes what
//! was typed the same way, so the rule cannot differ between them.

use thiserror::Error;

/// Fewest characters of a username.
pub const USERNAME_MIN_CHARS: usize = 3;
/// Most characters of a username.
pub const USERNAME_MAX_CHARS: usize = 64;

/// Why a username was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum UsernameError {
    #[error("a username has {USERNAME_MIN_CHARS} to {USERNAME_MAX_CHARS} characters")]
    Length,
    #[error("a username holds only letters a-z, digits and . - _ @")]
    Characters,
}

/// A username as stored and compared: trimmed and in lower case.
pub fn normalize_username(typed: &str) -> String {
    typed.trim().to_lowercase()
}

/// A new username, normalized, or why it cannot be one.
pub fn check_username(typed: &str) -> Result<String, UsernameError> {
    let username = normalize_username(typed);
    let length = username.chars().count();
    if !(USERNAME_MIN_CHARS..=USERNAME_MAX_CHARS).contains(&length) {
        return Err(UsernameError::Length);
    }
    if !username
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || ".-_@".contains(c))
    {
        return Err(UsernameError::Characters);
    }
    Ok(username)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_normalized_and_checked_once_for_every_path() {
        assert_eq!(check_username("  An.Peeters "), Ok("an.peeters".to_owned()));
        assert_eq!(
            check_username("kine@praktijk"),
            Ok("kine@praktijk".to_owned())
        );
        assert_eq!(check_username("ab"), Err(UsernameError::Length));
        assert_eq!(check_username(&"a".repeat(65)), Err(UsernameError::Length));
        assert_eq!(check_username(&"a".repeat(64)).map(|u| u.len()), Ok(64));
        assert_eq!(check_username("an peeters"), Err(UsernameError::Characters));
        assert_eq!(check_username("anné"), Err(UsernameError::Characters));
    }
}
