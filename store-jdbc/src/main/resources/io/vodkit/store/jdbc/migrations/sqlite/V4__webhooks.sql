-- vodkit metadata store, schema version 4 (SQLite): webhook endpoints and deliveries.
-- Only the sequence column differs between the dialects.

-- An owner's webhook URL and its signing secret(s); previous_secret signs too until
-- previous_secret_expires_at (secret rotation).
CREATE TABLE webhook_endpoints (
  endpoint_id                TEXT PRIMARY KEY,
  owner_id                   TEXT NOT NULL,
  url                        TEXT NOT NULL,
  secret                     TEXT NOT NULL,
  previous_secret            TEXT,
  previous_secret_expires_at BIGINT,
  created_at                 BIGINT NOT NULL
);

CREATE INDEX webhook_endpoints_by_owner ON webhook_endpoints (owner_id, created_at);

-- One outbox event on its way to one endpoint. body: rendered once at fan-out, resent as is.
-- event_seq: the outbox seq of the event, which orders deliveries per (endpoint, video).
-- attempts: raised by every claim; locked_until: the claim's lease.
CREATE TABLE webhook_deliveries (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  delivery_id      TEXT NOT NULL UNIQUE,
  event_id         TEXT NOT NULL,
  event_seq        BIGINT NOT NULL,
  endpoint_id      TEXT NOT NULL REFERENCES webhook_endpoints (endpoint_id),
  owner_id         TEXT NOT NULL,
  video_id         TEXT NOT NULL,
  body             TEXT NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
  attempts         INTEGER NOT NULL CHECK (attempts >= 0),
  next_attempt_at  BIGINT,
  locked_until     BIGINT,
  last_status_code INTEGER,
  last_error       TEXT,
  created_at       BIGINT NOT NULL,
  scheduled_from   BIGINT NOT NULL,
  delivered_at     BIGINT,
  UNIQUE (event_id, endpoint_id)
);

-- claimDue: pending deliveries by due time
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);

-- claimDue's order check: earlier pending deliveries of the same endpoint and video
CREATE INDEX webhook_deliveries_order ON webhook_deliveries (endpoint_id, video_id, event_seq);

-- deliveries(owner): newest first
CREATE INDEX webhook_deliveries_by_owner ON webhook_deliveries (owner_id, seq);
