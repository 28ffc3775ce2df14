-- What a hospital needs of staff accounts: when each last signed in (the admin's account list),
-- a name for each passkey (so she knows which one to remove; a mother's passkeys keep an empty
-- name), and one-time password-reset links an admin makes (kept only as hashes, like invitations).
-- TOTP secrets stay in staff_accounts.totp_secret, sealed by the server (see its secret_key
-- module); no column changes for that.

ALTER TABLE staff_accounts ADD COLUMN last_sign_in_at INTEGER;
ALTER TABLE staff_passkeys ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE profile_passkeys ADD COLUMN name TEXT NOT NULL DEFAULT '';

CREATE TABLE staff_password_resets (
    token_hash TEXT PRIMARY KEY NOT NULL,
    staff_id   TEXT NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    created_by TEXT NOT NULL REFERENCES staff_accounts (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
) STRICT;
CREATE INDEX staff_password_resets_staff ON staff_password_resets (staff_id);
