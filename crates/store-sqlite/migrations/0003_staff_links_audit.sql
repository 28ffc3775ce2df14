-- Staff accounts, passkeys, server-side sessions, invitations, a mother's link codes and links,
-- the audit log of staff reading her data, rate-limit counters and WebAuthn ceremonies.
-- Secrets a person or browser holds (tokens, codes) are kept only as hashes.

CREATE TABLE staff_accounts (
    id             TEXT PRIMARY KEY NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('admin', 'physiotherapist')),
    username       TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL,
    language       TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    ended_at       INTEGER,
    password_hash  TEXT,
    totp_secret    TEXT,
    totp_last_step INTEGER
) STRICT;

CREATE TABLE staff_passkeys (
    credential_id TEXT PRIMARY KEY NOT NULL,
    staff_id      TEXT NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    passkey       TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    last_used_at  INTEGER
) STRICT;
CREATE INDEX staff_passkeys_staff ON staff_passkeys (staff_id);

CREATE TABLE staff_sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    staff_id   TEXT NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    stage      TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);

CREATE TABLE staff_invitations (
    token_hash   TEXT PRIMARY KEY NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('admin', 'physiotherapist')),
    display_name TEXT NOT NULL,
    invited_by   TEXT NOT NULL REFERENCES staff_accounts (id),
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    used_at      INTEGER
) STRICT;

CREATE TABLE rate_limits (
    bucket       TEXT PRIMARY KEY NOT NULL,
    window_start INTEGER NOT NULL,
    count        INTEGER NOT NULL
) STRICT;

CREATE TABLE webauthn_ceremonies (
    id         TEXT PRIMARY KEY NOT NULL,
    state      TEXT NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;

CREATE TABLE profile_passkeys (
    credential_id TEXT PRIMARY KEY NOT NULL,
    profile_id    TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    passkey       TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    last_used_at  INTEGER
) STRICT;
CREATE INDEX profile_passkeys_profile ON profile_passkeys (profile_id);

CREATE TABLE link_codes (
    code_hash  TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
) STRICT;
CREATE INDEX link_codes_profile ON link_codes (profile_id);

CREATE TABLE links (
    id         TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    staff_id   TEXT NOT NULL REFERENCES staff_accounts (id),
    label      TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    ended_at   INTEGER,
    ended_by   TEXT
) STRICT;
CREATE INDEX links_profile ON links (profile_id);
CREATE INDEX links_staff ON links (staff_id, ended_at);

-- No foreign key to profiles: a line outlives her erasure with profile_id, link_id and detail
-- cleared (who and when stay).
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    at         INTEGER NOT NULL,
    staff_id   TEXT NOT NULL REFERENCES staff_accounts (id),
    profile_id TEXT,
    link_id    TEXT,
    action     TEXT NOT NULL,
    detail     TEXT
) STRICT;
CREATE INDEX audit_log_profile ON audit_log (profile_id, at);
