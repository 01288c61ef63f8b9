-- The delivery log (src/worker/gateway.rs): one row per accepted delivery, one per try.
-- Applied by scripts/dev.sh locally and by `wrangler d1 migrations apply LOG --remote` (docs/WORKER.md).
-- Bodies and secrets never enter this database: body_key names the R2 object holding the
-- request (body_offset and body_length its part of a shared segment, NULL for a whole object),
-- body_sha256 pins its content.
CREATE TABLE deliveries (
  route TEXT NOT NULL,
  id TEXT NOT NULL,
  provider TEXT NOT NULL,
  event TEXT,
  status TEXT NOT NULL CHECK (status IN ('delivered', 'queued', 'failed', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  origin_status INTEGER,
  reason TEXT,
  received_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  body_bytes INTEGER NOT NULL,
  body_key TEXT,
  body_sha256 TEXT,
  body_offset INTEGER,
  body_length INTEGER,
  dedupe_key TEXT,
  replays INTEGER NOT NULL DEFAULT 0,
  -- The last try, written with the record; the triggers below turn each into its attempts row.
  last_kind TEXT,
  last_outcome TEXT,
  last_latency_ms INTEGER,
  PRIMARY KEY (route, id)
);
CREATE INDEX deliveries_by_received ON deliveries (received_at DESC, route, id);
CREATE INDEX deliveries_by_status ON deliveries (status, received_at DESC);
CREATE INDEX deliveries_by_expiry ON deliveries (expires_at);

CREATE TABLE attempts (
  route TEXT NOT NULL,
  id TEXT NOT NULL,
  n INTEGER NOT NULL,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('live', 'queue', 'replay')),
  outcome TEXT NOT NULL,
  origin_status INTEGER,
  latency_ms INTEGER NOT NULL,
  PRIMARY KEY (route, id, n)
);

-- Every R2 object the log wrote, entered before its put, with an expiry at least that of each
-- record pointing into it: the cron deletes objects past it (so none outlives its records'
-- retention, and one whose records were never written still goes).
CREATE TABLE objects (
  key TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);
CREATE INDEX objects_by_expiry ON objects (expires_at);
CREATE INDEX deliveries_by_body ON deliveries (body_key);
-- A record's expiry carries over to the object holding its body, in the same transaction.
CREATE TRIGGER deliveries_keep_body_on_insert AFTER INSERT ON deliveries
  WHEN NEW.body_key IS NOT NULL
  BEGIN UPDATE objects SET expires_at = MAX(expires_at, NEW.expires_at) WHERE key = NEW.body_key; END;
CREATE TRIGGER deliveries_keep_body_on_update AFTER UPDATE OF expires_at, body_key ON deliveries
  WHEN NEW.body_key IS NOT NULL
  BEGIN UPDATE objects SET expires_at = MAX(expires_at, NEW.expires_at) WHERE key = NEW.body_key; END;

-- Each try a record gains (attempts goes up) is its own row, numbered by that count.
CREATE TRIGGER deliveries_first_attempt AFTER INSERT ON deliveries
  WHEN NEW.attempts > 0
  BEGIN INSERT INTO attempts (route, id, n, at, kind, outcome, origin_status, latency_ms)
    VALUES (NEW.route, NEW.id, NEW.attempts, NEW.updated_at, NEW.last_kind, NEW.last_outcome, NEW.origin_status, NEW.last_latency_ms); END;
CREATE TRIGGER deliveries_next_attempt AFTER UPDATE OF attempts ON deliveries
  WHEN NEW.attempts > OLD.attempts
  BEGIN INSERT OR REPLACE INTO attempts (route, id, n, at, kind, outcome, origin_status, latency_ms)
    VALUES (NEW.route, NEW.id, NEW.attempts, NEW.updated_at, NEW.last_kind, NEW.last_outcome, NEW.origin_status, NEW.last_latency_ms); END;

-- What operators did through the admin API (replays), and the bulk replay's rate limit.
CREATE TABLE operator_actions (
  at INTEGER NOT NULL,
  action TEXT NOT NULL,
  route TEXT,
  id TEXT,
  detail TEXT NOT NULL
);
CREATE INDEX operator_actions_by_action ON operator_actions (action, at);
