//! The deployment's secret key, and TOTP secrets sealed with it at rest.
//!
//! A TOTP secret must be readable by the server (it computes the expected code), so it cannot be
//! hashed like a password. It is sealed instead (ChaCha20-Poly1305, a fresh random nonce each
//! time, the account id as associated data so a sealed secret copied to another account does not
//! open) with a key that is not in the database: a stolen database or backup alone does not let
//! anyone make a physiotherapist's codes.
//!
//! Where the key comes from, first found wins: `HANGMAT_SECRET_KEY` (64 hexadecimal characters),
//! the config's `sealing.key_file` (relative to the config file), else `DATA/secret.key`, made at
//! first start with 0600 permissions. Several servers on one PostgreSQL database must share one
//! key (the environment or a key file); at start every server checks that the sealed secrets in
//! the database open with its key, and refuses to start if they do not, rather than lock every
//! staff member out.
//!
//! Secrets stored before sealing existed are sealed at start ([`seal_stored_secrets`]); the step
//! is idempotent and safe when several servers start at once.

use crate::random::Random;
use anyhow::{Context, anyhow, bail};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{ChaCha20Poly1305, KeyInit, Nonce};
use hangmat_store::{StaffId, Store};
use std::fmt;
use std::path::{Path, PathBuf};

/// The environment variable that gives the key itself.
pub const KEY_ENV: &str = "HANGMAT_SECRET_KEY";
/// The key file's name in the data directory.
pub const KEY_FILE: &str = "secret.key";
/// What a sealed value starts with (a plain base32 TOTP secret never contains a colon).
const SEALED_PREFIX: &str = "sealed:v1:";
const NONCE_BYTES: usize = 12;

/// 256 bits that seal and open TOTP secrets. `Debug` never shows them.
#[derive(Clone)]
pub struct SecretKey([u8; 32]);

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

/// A sealed value that does not open with this key (another key, or altered).
#[derive(Debug, thiserror::Error)]
#[error("the sealed secret does not open with this server's key")]
pub struct NotOpened;

impl SecretKey {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// A new random key.
    pub fn generate() -> Self {
        Self(Random::system().bytes())
    }

    /// Reads 64 hexadecimal characters (surrounding white space ignored).
    pub fn from_text(text: &str) -> anyhow::Result<Self> {
        let text = text.trim();
        if text.len() != 64 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            bail!("a secret key is 64 hexadecimal characters (256 bits)");
        }
        let mut bytes = [0u8; 32];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16)?;
        }
        Ok(Self(bytes))
    }

    /// The key as 64 hexadecimal characters (what a key file holds).
    pub fn to_text(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn cipher(&self) -> ChaCha20Poly1305 {
        ChaCha20Poly1305::new(&self.0.into())
    }

    /// Seals `secret` for the account `owner`.
    pub fn seal(&self, owner: StaffId, secret: &str) -> String {
        // A fresh nonce from the system every time, never a test's seeded source: a repeated
        // nonce under one key would give the secrets away.
        let nonce: [u8; NONCE_BYTES] = Random::system().bytes();
        let aad = owner.0.as_bytes();
        let payload = Payload {
            msg: secret.as_bytes(),
            aad,
        };
        // Encrypting into a Vec fails only when the message exceeds ChaCha20's 256 GiB.
        let sealed = self
            .cipher()
            .encrypt(&Nonce::from(nonce), payload)
            .unwrap_or_default();
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        format!("{SEALED_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes))
    }

    /// The secret in a stored value of `owner`: a sealed one opened, a plain one (stored before
    /// sealing, and sealed at the next start) as it is.
    pub fn open(&self, owner: StaffId, stored: &str) -> Result<String, NotOpened> {
        let Some(encoded) = stored.strip_prefix(SEALED_PREFIX) else {
            return Ok(stored.to_owned());
        };
        let bytes = URL_SAFE_NO_PAD.decode(encoded).map_err(|_| NotOpened)?;
        if bytes.len() < NONCE_BYTES {
            return Err(NotOpened);
        }
        let (nonce, sealed) = bytes.split_at(NONCE_BYTES);
        let nonce: [u8; NONCE_BYTES] = nonce.try_into().map_err(|_| NotOpened)?;
        let payload = Payload {
            msg: sealed,
            aad: owner.0.as_bytes(),
        };
        let plain = self
            .cipher()
            .decrypt(&Nonce::from(nonce), payload)
            .map_err(|_| NotOpened)?;
        String::from_utf8(plain).map_err(|_| NotOpened)
    }
}

/// Whether a stored value is sealed.
pub fn is_sealed(stored: &str) -> bool {
    stored.starts_with(SEALED_PREFIX)
}

/// Where the key comes from (see the module documentation). `Debug` never shows a key.
#[derive(Clone)]
pub enum KeySource {
    /// The environment's `HANGMAT_SECRET_KEY`.
    Environment(String),
    /// A key file named by the config; it must exist.
    ConfiguredFile(PathBuf),
    /// The data directory's `secret.key`, made when missing.
    DataDirectory(PathBuf),
}

impl fmt::Debug for KeySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeySource::Environment(_) => write!(f, "Environment({KEY_ENV}=<redacted>)"),
            KeySource::ConfiguredFile(path) => write!(f, "ConfiguredFile({})", path.display()),
            KeySource::DataDirectory(path) => write!(f, "DataDirectory({})", path.display()),
        }
    }
}

impl KeySource {
    /// The source for a server: the environment, else the config's key file (relative to the
    /// config file), else the data directory.
    pub fn find(configured: Option<&Path>, config_path: Option<&Path>, data: &Path) -> KeySource {
        Self::choose(std::env::var(KEY_ENV).ok(), configured, config_path, data)
    }

    /// [`KeySource::find`] with the environment's key given, so the choice is tested whatever
    /// the environment of the test holds.
    fn choose(
        environment: Option<String>,
        configured: Option<&Path>,
        config_path: Option<&Path>,
        data: &Path,
    ) -> KeySource {
        if let Some(text) = environment {
            return KeySource::Environment(text);
        }
        match configured {
            Some(file) => KeySource::ConfiguredFile(
                config_path
                    .and_then(Path::parent)
                    .map_or_else(|| file.to_path_buf(), |dir| dir.join(file)),
            ),
            None => KeySource::DataDirectory(data.join(KEY_FILE)),
        }
    }

    /// Reads the key, making the data directory's key file at first start.
    pub fn load(&self) -> anyhow::Result<SecretKey> {
        match self {
            KeySource::Environment(text) => SecretKey::from_text(text).context(KEY_ENV),
            KeySource::ConfiguredFile(path) => read_key_file(path),
            KeySource::DataDirectory(path) => {
                if !path.exists() {
                    create_key_file(path)?;
                }
                read_key_file(path)
            }
        }
    }
}

fn read_key_file(path: &Path) -> anyhow::Result<SecretKey> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the secret key file {}", path.display()))?;
    warn_if_others_may_read(path);
    SecretKey::from_text(&text).with_context(|| path.display().to_string())
}

/// Makes a new key file only the server's user may read (two servers starting at once: the
/// second finds the first's file and uses it).
fn create_key_file(path: &Path) -> anyhow::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create directory {}", dir.display()))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(mut file) => {
            writeln!(file, "{}", SecretKey::generate().to_text())
                .and_then(|()| file.sync_all())
                .with_context(|| format!("cannot write the secret key file {}", path.display()))?;
            tracing::info!(path = %path.display(), "made a new secret key file (keep it with the backups, apart from the database)");
            Ok(())
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(anyhow!(error))
            .with_context(|| format!("cannot create the secret key file {}", path.display())),
    }
}

#[cfg(unix)]
fn warn_if_others_may_read(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(metadata) = std::fs::metadata(path)
        && metadata.permissions().mode() & 0o077 != 0
    {
        tracing::warn!(path = %path.display(), "the secret key file may be read by others: chmod 600 it");
    }
}

#[cfg(not(unix))]
fn warn_if_others_may_read(_: &Path) {}

/// What sealing the stored secrets found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SealReport {
    /// Plain secrets sealed now.
    pub sealed: u32,
    /// Secrets that were sealed already (and open with this key).
    pub already: u32,
}

/// Seals every plain TOTP secret in the store and checks that every sealed one opens with `key`
/// (an error names the account and says what to do: start every server with the same key).
pub async fn seal_stored_secrets(store: &dyn Store, key: &SecretKey) -> anyhow::Result<SealReport> {
    let mut report = SealReport::default();
    for account in store.list_staff().await? {
        let Some(stored) = store.staff_secrets(account.id).await?.totp_secret else {
            continue;
        };
        if is_sealed(&stored) {
            key.open(account.id, &stored).map_err(|_| {
                anyhow!(
                    "the TOTP secret of staff account {} was sealed with another key: start every \
                     server with the same key ({KEY_ENV} or sealing.key_file; with SQLite, the \
                     data directory's {KEY_FILE})",
                    account.username
                )
            })?;
            report.already += 1;
        } else {
            let sealed = key.seal(account.id, &stored);
            // False: another server sealed it meanwhile, with the same key (checked at its start).
            if store
                .replace_totp_secret(account.id, &stored, &sealed)
                .await?
            {
                report.sealed += 1;
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    const ANNA: StaffId = StaffId(Uuid::from_u128(1));
    const BERT: StaffId = StaffId(Uuid::from_u128(2));

    #[test]
    fn a_sealed_secret_opens_only_with_its_key_and_for_its_account() {
        let key = SecretKey::generate();
        let sealed = key.seal(ANNA, "JBSWY3DPEHPK3PXP");
        assert!(is_sealed(&sealed));
        assert!(!sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_ne!(sealed, key.seal(ANNA, "JBSWY3DPEHPK3PXP"), "a fresh nonce");
        assert_eq!(
            key.open(ANNA, &sealed).ok().as_deref(),
            Some("JBSWY3DPEHPK3PXP")
        );
        assert!(key.open(BERT, &sealed).is_err(), "bound to its account");
        assert!(SecretKey::generate().open(ANNA, &sealed).is_err());
        let mut altered = sealed.clone();
        altered.pop();
        assert!(key.open(ANNA, &altered).is_err());
        assert_eq!(
            key.open(ANNA, "JBSWY3DPEHPK3PXP").ok().as_deref(),
            Some("JBSWY3DPEHPK3PXP"),
            "a plain secret from before sealing"
        );
    }

    #[test]
    fn keys_read_back_from_text_and_refuse_anything_else() {
        let key = SecretKey::generate();
        let again = SecretKey::from_text(&format!(" {}\n", key.to_text()));
        assert_eq!(again.map(|k| k.0).ok(), Some(key.0));
        assert!(SecretKey::from_text("abc").is_err());
        assert!(SecretKey::from_text(&"g".repeat(64)).is_err());
        assert!(!format!("{key:?}").contains(&key.to_text()[..8]));
    }

    #[test]
    fn a_key_from_the_environment_or_a_configured_file_is_used_as_given() {
        let key = SecretKey::generate();
        let source = KeySource::Environment(key.to_text());
        assert!(!format!("{source:?}").contains(&key.to_text()[..8]));
        assert_eq!(source.load().map(|k| k.0).ok(), Some(key.0));
        assert!(KeySource::Environment("not a key".into()).load().is_err());
        let source = KeySource::choose(
            None,
            Some(Path::new("keys/hangmat.key")),
            Some(Path::new("/etc/hangmat/site.toml")),
            Path::new("/var/lib/hangmat"),
        );
        assert!(
            matches!(&source, KeySource::ConfiguredFile(path) if path == Path::new("/etc/hangmat/keys/hangmat.key")),
            "{source:?}"
        );
        let default = KeySource::choose(None, None, None, Path::new("/var/lib/hangmat"));
        assert!(
            matches!(&default, KeySource::DataDirectory(path) if path == Path::new("/var/lib/hangmat/secret.key")),
            "{default:?}"
        );
        let environment = KeySource::choose(
            Some(key.to_text()),
            Some(Path::new("keys/hangmat.key")),
            None,
            Path::new("/var/lib/hangmat"),
        );
        assert!(
            matches!(&environment, KeySource::Environment(text) if *text == key.to_text()),
            "the environment wins"
        );
    }

    #[test]
    fn the_data_directorys_key_file_is_made_once_and_private() {
        let dir = std::env::temp_dir().join(format!(
            "hangmat-key-{}",
            crate::random::Random::system().uuid_v4().simple()
        ));
        let source = KeySource::DataDirectory(dir.join(KEY_FILE));
        let first = source.load().map(|k| k.0).ok();
        let second = source.load().map(|k| k.0).ok();
        assert!(first.is_some());
        assert_eq!(first, second, "the same key at the next start");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join(KEY_FILE))
                .map(|m| m.permissions().mode() & 0o777)
                .unwrap_or(0);
            assert_eq!(mode, 0o600);
        }
        let _ = std::fs::remove_dir_all(&dir);
        let missing = KeySource::ConfiguredFile(dir.join("nowhere.key"));
        assert!(missing.load().is_err(), "a configured key file must exist");
    }
}
