-- Staff accounts, passkeys, server-side sessions, invitations, a mother's link codes and links,
-- the audit log of staff reading her data, rate-limit counters and WebAuthn ceremonies.
-- Secrets a person or browser holds (tokens, codes) are kept only as hashes.

CREATE TABLE staff_accounts (
    id             UUID PRIMARY KEY,
    role           TEXT NOT NULL CHECK (role IN ('admin', 'physiotherapist')),
    username       TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL,
    language       TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    ended_at       BIGINT,
    password_hash  TEXT,
    totp_secret    TEXT,
    totp_last_step BIGINT
);

CREATE TABLE staff_passkeys (
    credential_id TEXT PRIMARY KEY,
    staff_id      UUID NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    passkey       TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT
);
CREATE INDEX staff_passkeys_staff ON staff_passkeys (staff_id);

CREATE TABLE staff_sessions (
    token_hash TEXT PRIMARY KEY,
    staff_id   UUID NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    stage      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);

CREATE TABLE staff_invitations (
    token_hash   TEXT PRIMARY KEY,
    role         TEXT NOT NULL CHECK (role IN ('admin', 'physiotherapist')),
    display_name TEXT NOT NULL,
    invited_by   UUID NOT NULL REFERENCES staff_accounts (id),
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    used_at      BIGINT
);

CREATE TABLE rate_limits (
    bucket       TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    count        INTEGER NOT NULL
);

CREATE TABLE webauthn_ceremonies (
    id         TEXT PRIMARY KEY,
    state      TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE TABLE profile_passkeys (
    credential_id TEXT PRIMARY KEY,
    profile_id    UUID NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    passkey       TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT
);
CREATE INDEX profile_passkeys_profile ON profile_passkeys (profile_id);

CREATE TABLE link_codes (
    code_hash  TEXT PRIMARY KEY,
    profile_id UUID NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX link_codes_profile ON link_codes (profile_id);

CREATE TABLE links (
    id         UUID PRIMARY KEY,
    profile_id UUID NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    staff_id   UUID NOT NULL REFERENCES staff_accounts (id),
    label      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    ended_at   BIGINT,
    ended_by   TEXT
);
CREATE INDEX links_profile ON links (profile_id);
CREATE INDEX links_staff ON links (staff_id, ended_at);

-- No foreign key to profiles: a line outlives her erasure with profile_id, link_id and detail
-- cleared (who and when stay).
CREATE TABLE audit_log (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         BIGINT NOT NULL,
    staff_id   UUID NOT NULL REFERENCES staff_accounts (id),
    profile_id UUID,
    link_id    UUID,
    action     TEXT NOT NULL,
    detail     TEXT
);
CREATE INDEX audit_log_profile ON audit_log (profile_id, at);
