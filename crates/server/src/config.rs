//! The deployment's configuration: who runs Hangmat, in which languages, with which contacts and
//! which programme.
//!
//! Everything a hospital differs in is configuration, not code. The file is strict: an unknown key
//! is an error naming the key and the file, so a typo never silently falls back to a default.
//!
//! Every single-valued key may also come from the environment ([`KEYS`], `HANGMAT_` and the key
//! in capitals with `_` for `.`: `HANGMAT_METRICS_LISTEN` sets `metrics.listen`), so a container or
//! a unit file can set it; the environment wins over the file. Lists are comma-separated. The
//! lists of contacts (tables) are kept to the file. A `HANGMAT_` variable that names a section of
//! the config but no key of it is an error, like an unknown key in the file.

use crate::i18n::Lang;
use crate::notify::endpoints::{DEFAULT_PUSH_HOSTS, PushEndpoints};
use anyhow::{Context, anyhow, bail};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The example deployment, used when no `--config` is given.
pub const EXAMPLE_CONFIG: &str = include_str!("../../../config/uzleuven.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub deployment: Deployment,
    #[serde(default)]
    pub programme: ProgrammeSource,
    #[serde(default)]
    pub database: DatabaseConfig,
    pub physiotherapy: Physiotherapy,
    pub emergency: Emergency,
    #[serde(default)]
    pub reminders: RemindersConfig,
    #[serde(default)]
    pub sealing: SealingConfig,
    #[serde(default)]
    pub network: NetworkConfig,
    #[serde(default)]
    pub server: ServerConfig,
    #[serde(default)]
    pub metrics: MetricsConfig,
    #[serde(default)]
    pub questionnaires: QuestionnairesConfig,
}

/// The deployment's own questionnaires (FHIR R4 Questionnaire JSON files it holds the rights to),
/// beside the shipped Sandvik index; the programme file says when each is offered.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionnairesConfig {
    /// Paths relative to the config file.
    #[serde(default)]
    pub files: Vec<PathBuf>,
}

/// How the process runs for its operators: how long a clean stop may take, how it logs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    /// On SIGTERM or Ctrl-C the server stops accepting, finishes the requests in flight and
    /// closes the database; past this many seconds it exits anyway (systemd's stop timeout is
    /// 90 s by default: stay below it).
    #[serde(default = "shutdown_seconds_default")]
    pub shutdown_seconds: u64,
    /// `text` (for a terminal) or `json` (one object a line, for a log collector).
    #[serde(default)]
    pub log_format: LogFormat,
}

fn shutdown_seconds_default() -> u64 {
    10
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            shutdown_seconds: shutdown_seconds_default(),
            log_format: LogFormat::default(),
        }
    }
}

impl ServerConfig {
    /// The longest a clean stop takes.
    pub fn shutdown_timeout(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.shutdown_seconds)
    }
}

/// The shape of the log lines on standard error.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// Prometheus metrics: off unless an address is given, and never on the public port.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricsConfig {
    /// Where `GET /metrics` answers (e.g. `127.0.0.1:9464`); a private address, for the
    /// monitoring system only.
    pub listen: Option<std::net::SocketAddr>,
}

/// Where requests come from: the proxies whose forwarding headers name the client.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkConfig {
    /// Addresses or CIDR ranges (`127.0.0.1`, `10.0.0.0/8`) of the TLS proxies in front of the
    /// server. Only a request from one of them is asked who the client is (`X-Forwarded-For`,
    /// else `Forwarded`); without any, the socket's peer is the client.
    #[serde(default)]
    pub trusted_proxies: TrustedProxies,
}

/// Parsed `trusted_proxies`; a single address is a range of one.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(try_from = "Vec<String>")]
pub struct TrustedProxies(pub Vec<ipnet::IpNet>);

impl TryFrom<Vec<String>> for TrustedProxies {
    type Error = String;

    fn try_from(texts: Vec<String>) -> Result<Self, Self::Error> {
        texts
            .iter()
            .map(|text| {
                text.parse::<ipnet::IpNet>()
                    .or_else(|_| text.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                    .map_err(|_| {
                        format!("network.trusted_proxies: \"{text}\" is not an address or range")
                    })
            })
            .collect::<Result<_, _>>()
            .map(TrustedProxies)
    }
}

/// Where the key that seals TOTP secrets lives when it is not in `HANGMAT_SECRET_KEY` (see
/// `secret_key`): a file of 64 hexadecimal characters, relative to the config file. Without it,
/// the data directory's `secret.key`, made at first start.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealingConfig {
    pub key_file: Option<PathBuf>,
}

/// Reminders: who the push services may contact about this deployment, and whether this server
/// sends the due reminders (every server may: they share the work through the database).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemindersConfig {
    /// The VAPID contact, a `mailto:` or `https:` address. Without it no Web Push is sent (and the
    /// reminders page offers the calendar feed only): Apple's push service refuses a fake one.
    #[serde(default)]
    pub contact: Option<String>,
    /// Whether this server runs the reminder scheduler.
    #[serde(default = "scheduler_default")]
    pub scheduler: bool,
    /// The push services' hosts a browser's subscription may point at (`*.` for subdomains);
    /// by default Google's, Mozilla's, Apple's and Microsoft's.
    #[serde(default = "push_hosts_default")]
    pub push_hosts: Vec<String>,
}

fn scheduler_default() -> bool {
    true
}

fn push_hosts_default() -> Vec<String> {
    DEFAULT_PUSH_HOSTS.iter().map(|h| (*h).to_owned()).collect()
}

impl Default for RemindersConfig {
    fn default() -> Self {
        Self {
            contact: None,
            scheduler: true,
            push_hosts: push_hosts_default(),
        }
    }
}

impl RemindersConfig {
    /// The endpoints the server may post reminders to.
    pub fn push_endpoints(&self) -> PushEndpoints {
        PushEndpoints::new(self.push_hosts.iter().cloned())
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deployment {
    pub name: String,
    pub default_time_zone: String,
    pub languages: Vec<Lang>,
    #[serde(default)]
    pub public_url: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeSource {
    /// Path to a programme file, relative to the config file.
    pub file: Option<PathBuf>,
}

/// Where the data lives: without a URL, SQLite under the data directory.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseConfig {
    pub url: Option<DatabaseUrl>,
}

/// A database URL; it may hold a password, so `Debug` never shows it.
#[derive(Clone, Deserialize)]
#[serde(transparent)]
pub struct DatabaseUrl(pub String);

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatabaseUrl(<redacted>)")
    }
}

/// A text the deployment gives in each of its languages.
pub type LocalizedText = BTreeMap<Lang, String>;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Physiotherapy {
    pub questions_phone: Option<String>,
    #[serde(default)]
    pub booking: Vec<BookingContact>,
    #[serde(default)]
    pub directories: Vec<Directory>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookingContact {
    pub name: LocalizedText,
    pub phone: Option<String>,
    pub email: Option<String>,
    #[serde(default)]
    pub note: LocalizedText,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Directory {
    pub name: LocalizedText,
    pub url: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Emergency {
    /// The emergency number (112 in Europe), a tap-to-call link wherever it is shown.
    pub number: String,
    /// Whom she calls when something is wrong but it is no emergency (the maternity ward, her
    /// midwife), in this order on the page "when to get help"; each phone a tap-to-call link.
    #[serde(default)]
    pub contacts: Vec<BookingContact>,
}

/// A phone number as a phone dials it (`tel:` links): its digits and a leading `+`.
pub fn dial_digits(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect()
}

/// What a key's value is, as the environment spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Number,
    Bool,
    /// Comma-separated.
    List,
}

/// A config key that may come from the environment.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    /// `section.key`, as in the file.
    pub path: &'static str,
    pub kind: Kind,
    pub about: &'static str,
}

impl Key {
    /// The environment variable that sets it: `HANGMAT_SECTION_KEY`.
    pub fn env_name(&self) -> String {
        format!("HANGMAT_{}", self.path.replace('.', "_").to_uppercase())
    }
}

/// Every key the environment may set (`hangmat check --explain` prints them).
pub const KEYS: &[Key] = &[
    Key {
        path: "deployment.name",
        kind: Kind::Text,
        about: "the deployment's name, shown on every page",
    },
    Key {
        path: "deployment.default_time_zone",
        kind: Kind::Text,
        about: "time zone for mothers who have not chosen one (e.g. Europe/Brussels)",
    },
    Key {
        path: "deployment.languages",
        kind: Kind::List,
        about: "languages offered, the default first (nl, fr, en)",
    },
    Key {
        path: "deployment.public_url",
        kind: Kind::Text,
        about: "the public https:// address (secure cookies, passkeys, links)",
    },
    Key {
        path: "programme.file",
        kind: Kind::Text,
        about: "a programme file, relative to the config file",
    },
    Key {
        path: "questionnaires.files",
        kind: Kind::List,
        about: "the deployment's questionnaire files (FHIR JSON), relative to the config file",
    },
    Key {
        path: "database.url",
        kind: Kind::Text,
        about: "postgres://… for PostgreSQL; without it SQLite in the data directory",
    },
    Key {
        path: "physiotherapy.questions_phone",
        kind: Kind::Text,
        about: "the phone number for questions about the exercises",
    },
    Key {
        path: "emergency.number",
        kind: Kind::Text,
        about: "the emergency number (112)",
    },
    Key {
        path: "reminders.contact",
        kind: Kind::Text,
        about: "the VAPID contact (mailto: or https:); without it no Web Push",
    },
    Key {
        path: "reminders.scheduler",
        kind: Kind::Bool,
        about: "whether this server sends due reminders (true, false)",
    },
    Key {
        path: "reminders.push_hosts",
        kind: Kind::List,
        about: "push services' hosts subscriptions may point at (*. for subdomains)",
    },
    Key {
        path: "sealing.key_file",
        kind: Kind::Text,
        about: "the file of the key sealing TOTP secrets, relative to the config file",
    },
    Key {
        path: "network.trusted_proxies",
        kind: Kind::List,
        about: "addresses or CIDR ranges of the TLS proxies in front",
    },
    Key {
        path: "server.shutdown_seconds",
        kind: Kind::Number,
        about: "the longest a clean stop takes (default 10)",
    },
    Key {
        path: "server.log_format",
        kind: Kind::Text,
        about: "text or json (one object a line)",
    },
    Key {
        path: "metrics.listen",
        kind: Kind::Text,
        about: "address for Prometheus metrics, e.g. 127.0.0.1:9464 (default: none)",
    },
];

/// The environment's `HANGMAT_` settings of config keys, set over the file's `table`; returns the
/// variables used. A variable naming a config section but no key of it is an error.
fn apply_env(
    table: &mut toml::Table,
    env: impl IntoIterator<Item = (String, String)>,
) -> anyhow::Result<Vec<String>> {
    let sections: std::collections::BTreeSet<&str> = KEYS
        .iter()
        .filter_map(|key| key.path.split_once('.').map(|(section, _)| section))
        .collect();
    let mut used = Vec::new();
    for (name, text) in env {
        let Some(rest) = name.strip_prefix("HANGMAT_") else {
            continue;
        };
        let section = rest.split('_').next().unwrap_or_default().to_lowercase();
        let Some(key) = KEYS.iter().find(|key| key.env_name() == name) else {
            if sections.contains(section.as_str()) {
                bail!("{name}: no such config key (hangmat check --explain lists them)");
            }
            continue;
        };
        let value = match key.kind {
            Kind::Text => toml::Value::String(text.clone()),
            Kind::Number => toml::Value::Integer(
                text.trim()
                    .parse()
                    .map_err(|_| anyhow!("{name}: \"{text}\" is not a whole number"))?,
            ),
            Kind::Bool => toml::Value::Boolean(
                text.trim()
                    .parse()
                    .map_err(|_| anyhow!("{name}: \"{text}\" is not true or false"))?,
            ),
            Kind::List => toml::Value::Array(
                text.split(',')
                    .map(str::trim)
                    .filter(|item| !item.is_empty())
                    .map(|item| toml::Value::String(item.to_owned()))
                    .collect(),
            ),
        };
        let (section, field) = key.path.split_once('.').unwrap_or((key.path, ""));
        let entry = table
            .entry(section)
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        if let toml::Value::Table(section) = entry {
            section.insert(field.to_owned(), value);
        }
        used.push(name);
    }
    used.sort();
    Ok(used)
}

impl Config {
    /// Parses and checks a config text; `source_name` prefixes every error.
    pub fn parse(text: &str, source_name: &str) -> anyhow::Result<Self> {
        Self::parse_with_env(text, source_name, [])
    }

    /// [`Config::parse`] with the `HANGMAT_` settings of `env` over the file's.
    pub fn parse_with_env(
        text: &str,
        source_name: &str,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> anyhow::Result<Self> {
        let mut table: toml::Table = toml::from_str(text).map_err(|error| {
            anyhow!(
                "{source_name}: {}",
                error.to_string().trim().replace('\n', " ")
            )
        })?;
        let used = apply_env(&mut table, env)?;
        let source_name = if used.is_empty() {
            source_name.to_owned()
        } else {
            format!("{source_name} with {}", used.join(", "))
        };
        let config = Config::deserialize(toml::Value::Table(table)).map_err(|error| {
            anyhow!(
                "{source_name}: {}",
                error.to_string().trim().replace('\n', " ")
            )
        })?;
        config.check().with_context(|| source_name.clone())?;
        Ok(config)
    }

    /// Reads a config file, or the built-in example when `path` is `None`, with the process's
    /// `HANGMAT_` environment over it.
    pub fn load(path: Option<&Path>) -> anyhow::Result<Self> {
        let (text, source_name) = match path {
            None => (
                EXAMPLE_CONFIG.to_owned(),
                "built-in example config (config/uzleuven.toml)".to_owned(),
            ),
            Some(path) => (
                std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read config file {}", path.display()))?,
                path.display().to_string(),
            ),
        };
        Self::parse_with_env(&text, &source_name, std::env::vars())
    }

    /// The keys the environment may set, one a line, for `hangmat check --explain`.
    pub fn explain() -> String {
        KEYS.iter()
            .map(|key| {
                let kind = match key.kind {
                    Kind::Text => "text",
                    Kind::Number => "number",
                    Kind::Bool => "true/false",
                    Kind::List => "comma-separated list",
                };
                format!(
                    "{:<38} {:<30} {kind}: {}\n",
                    key.env_name(),
                    key.path,
                    key.about
                )
            })
            .collect()
    }

    fn check(&self) -> anyhow::Result<()> {
        if self.deployment.languages.is_empty() {
            bail!("deployment.languages: must name at least one language");
        }
        jiff::tz::TimeZone::get(&self.deployment.default_time_zone).map_err(|_| {
            anyhow!(
                "deployment.default_time_zone: unknown time zone \"{}\"",
                self.deployment.default_time_zone
            )
        })?;
        if let Some(contact) = &self.reminders.contact {
            let valid = contact
                .strip_prefix("mailto:")
                .is_some_and(|address| address.contains('@') && !address.starts_with('@'))
                || contact
                    .strip_prefix("https://")
                    .is_some_and(|host| !host.is_empty());
            if !valid {
                bail!(
                    "reminders.contact: \"{contact}\" must be a mailto: or https: address the push services can reach"
                );
            }
        }
        let texts = self
            .physiotherapy
            .booking
            .iter()
            .enumerate()
            .flat_map(|(i, c)| {
                [(format!("physiotherapy.booking[{i}].name"), &c.name)]
                    .into_iter()
                    .chain(
                        (!c.note.is_empty())
                            .then(|| (format!("physiotherapy.booking[{i}].note"), &c.note)),
                    )
            })
            .chain(
                self.physiotherapy
                    .directories
                    .iter()
                    .enumerate()
                    .map(|(i, d)| (format!("physiotherapy.directories[{i}].name"), &d.name)),
            )
            .chain(
                self.emergency
                    .contacts
                    .iter()
                    .enumerate()
                    .flat_map(|(i, c)| {
                        [(format!("emergency.contacts[{i}].name"), &c.name)]
                            .into_iter()
                            .chain(
                                (!c.note.is_empty())
                                    .then(|| (format!("emergency.contacts[{i}].note"), &c.note)),
                            )
                    }),
            );
        for (field, text) in texts {
            for lang in &self.deployment.languages {
                if !text.contains_key(lang) {
                    bail!("{field}: no text for language \"{}\"", lang.code());
                }
            }
        }
        Ok(())
    }

    /// Whether cookies must be marked Secure (the deployment is reached over https).
    pub fn secure_cookies(&self) -> bool {
        self.deployment
            .public_url
            .as_deref()
            .is_some_and(|url| url.starts_with("https://"))
    }

    /// The default language: the first one offered.
    pub fn default_lang(&self) -> Lang {
        self.deployment
            .languages
            .first()
            .copied()
            .unwrap_or(Lang::Nl)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect()
    }

    #[test]
    fn the_environment_overrides_the_file() {
        let text = format!("{EXAMPLE_CONFIG}\n[server]\nshutdown_seconds = 20\n");
        let config = Config::parse_with_env(
            &text,
            "site.toml",
            env(&[
                ("HANGMAT_SERVER_SHUTDOWN_SECONDS", "5"),
                ("HANGMAT_SERVER_LOG_FORMAT", "json"),
                ("HANGMAT_METRICS_LISTEN", "127.0.0.1:9464"),
                ("HANGMAT_DEPLOYMENT_LANGUAGES", "fr, nl"),
                ("HANGMAT_REMINDERS_SCHEDULER", "false"),
                ("HANGMAT_SECRET_KEY", "not a config key"),
                ("PATH", "/usr/bin"),
            ]),
        )
        .unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(config.server.shutdown_seconds, 5);
        assert_eq!(config.server.log_format, LogFormat::Json);
        assert_eq!(config.metrics.listen.map(|a| a.port()), Some(9464));
        assert_eq!(config.deployment.languages, [Lang::Fr, Lang::Nl]);
        assert!(!config.reminders.scheduler);
    }

    #[test]
    fn a_misspelt_or_wrong_environment_setting_is_an_error_naming_it() {
        for (name, value) in [
            ("HANGMAT_METRICS_LISTN", "127.0.0.1:9464"),
            ("HANGMAT_SERVER_SHUTDOWN_SECONDS", "ten"),
            ("HANGMAT_METRICS_LISTEN", "anywhere"),
            ("HANGMAT_DEPLOYMENT_DEFAULT_TIME_ZONE", "Europe/Nowhere"),
        ] {
            let error = Config::parse_with_env(EXAMPLE_CONFIG, "site.toml", env(&[(name, value)]))
                .err()
                .map(|e| format!("{e:#}"))
                .unwrap_or_default();
            assert!(error.contains(name), "{name}={value}: {error}");
        }
    }

    #[test]
    fn every_listed_key_is_a_key_of_the_file() {
        for key in KEYS {
            let value = match key.kind {
                Kind::Number => "3",
                Kind::Bool => "true",
                Kind::List if key.path == "deployment.languages" => "nl",
                Kind::List if key.path == "network.trusted_proxies" => "127.0.0.1",
                Kind::List => "push.example",
                Kind::Text => match key.path {
                    "deployment.default_time_zone" => "Europe/Brussels",
                    "reminders.contact" => "mailto:kine@example.be",
                    "server.log_format" => "json",
                    "metrics.listen" => "127.0.0.1:9464",
                    _ => "x",
                },
            };
            let parsed = Config::parse_with_env(
                EXAMPLE_CONFIG,
                "site.toml",
                env(&[(&key.env_name(), value)]),
            );
            assert!(parsed.is_ok(), "{}: {parsed:?}", key.path);
        }
    }

    #[test]
    fn example_config_is_valid() {
        let config = Config::parse(EXAMPLE_CONFIG, "example");
        assert!(config.is_ok(), "{config:?}");
    }

    #[test]
    fn unknown_key_names_the_key_and_the_file() {
        let text = EXAMPLE_CONFIG.replace("[emergency]", "[emergency]\nnumbr = \"1\"");
        let error = Config::parse(&text, "site.toml")
            .err()
            .map(|e| format!("{e:#}"))
            .unwrap_or_default();
        assert!(error.starts_with("site.toml: "), "{error}");
        assert!(error.contains("numbr"), "{error}");
    }

    #[test]
    fn database_urls_never_show_in_debug_output() {
        let text = format!(
            "{EXAMPLE_CONFIG}\n[database]\nurl = \"postgres://hangmat:secret@db/hangmat\"\n"
        );
        let config = Config::parse(&text, "site.toml");
        let shown = format!("{config:?}");
        assert!(config.is_ok(), "{shown}");
        assert!(!shown.contains("secret"), "{shown}");
    }

    #[test]
    fn a_sealing_key_file_may_be_named_and_nothing_else_there() {
        let text = format!("{EXAMPLE_CONFIG}\n[sealing]\nkey_file = \"keys/hangmat.key\"\n");
        let config = Config::parse(&text, "site.toml").map(|c| c.sealing.key_file);
        assert_eq!(
            config.ok().flatten(),
            Some(PathBuf::from("keys/hangmat.key"))
        );
        let typo = format!("{EXAMPLE_CONFIG}\n[sealing]\nkeyfile = \"x\"\n");
        let error = Config::parse(&typo, "site.toml")
            .err()
            .map(|e| e.to_string());
        assert!(error.is_some_and(|e| e.contains("keyfile")));
    }

    #[test]
    fn trusted_proxies_are_addresses_or_ranges() {
        let with = |list: &str| {
            EXAMPLE_CONFIG.replace(
                "# trusted_proxies = [\"127.0.0.1\", \"::1\"]",
                &format!("trusted_proxies = {list}"),
            )
        };
        let text = with(r#"["127.0.0.1", "10.0.0.0/8", "::1"]"#);
        assert_ne!(text, EXAMPLE_CONFIG);
        let proxies = Config::parse(&text, "site.toml").map(|c| c.network.trusted_proxies.0.len());
        assert_eq!(proxies.ok(), Some(3));
        let error = Config::parse(&with(r#"["proxy.local"]"#), "site.toml")
            .err()
            .map(|e| e.to_string());
        assert!(error.is_some_and(|e| e.contains("proxy.local")));
    }

    #[test]
    fn the_vapid_contact_must_be_mailto_or_https() {
        for (contact, valid) in [
            ("mailto:kine@example.be", true),
            ("https://example.be/contact", true),
            ("mailto:", false),
            ("http://example.be", false),
            ("kine@example.be", false),
        ] {
            let text = EXAMPLE_CONFIG.replace(
                "contact = \"mailto:madtherapietoren@uzleuven.be\"",
                &format!("contact = \"{contact}\""),
            );
            let result = Config::parse(&text, "site.toml");
            assert_eq!(result.is_ok(), valid, "{contact}: {result:?}");
        }
    }

    #[test]
    fn a_missing_translation_of_a_contact_is_an_error() {
        let text = EXAMPLE_CONFIG.replace(
            "note.fr = \"Indiquez votre nom et votre numéro de téléphone dans votre e-mail.\"\n",
            "",
        );
        let error = Config::parse(&text, "site.toml")
            .err()
            .map(|e| format!("{e:#}"))
            .unwrap_or_default();
        assert_eq!(
            error,
            "site.toml: physiotherapy.booking[0].note: no text for language \"fr\""
        );
    }
}
