-- vodkit metadata store, schema version 5: the upload sweeper finds expired sessions by expiry.

CREATE INDEX upload_sessions_expiry ON upload_sessions (expires_at);
