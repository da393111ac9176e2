-- Second factor for staff and administrators (GB/T 22239-2019 8.1.4.1 d): a TOTP secret per user,
-- SM4-encrypted like every other secret field; the last step used, so no code is accepted twice; a
-- secret being set up waits apart until its first code proves the user's app has it.
ALTER TABLE users ADD COLUMN totp_secret_cipher text;
ALTER TABLE users ADD COLUMN totp_pending_cipher text;
ALTER TABLE users ADD COLUMN totp_enabled_at timestamptz;
ALTER TABLE users ADD COLUMN totp_last_step bigint;

-- A session opened with a password only, by someone who must still bind a second factor or change an
-- expired password, can do that and nothing else.
ALTER TABLE sessions ADD COLUMN restriction text CHECK (restriction IN ('enroll_totp', 'change_password'));
