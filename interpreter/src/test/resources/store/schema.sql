CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at INTEGER NOT NULL);

CREATE TABLE calls (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id      TEXT NOT NULL REFERENCES runs (id),
  task_key    TEXT NOT NULL,
  phase       TEXT,
  attempt     INTEGER NOT NULL,
  agent       TEXT NOT NULL,
  model       TEXT NOT NULL,
  request_key TEXT,
  reply       TEXT,
  error_kind  TEXT,
  error       TEXT,
  tokens_in   INTEGER NOT NULL,
  tokens_out  INTEGER NOT NULL,
  cost        REAL NOT NULL,
  ms          INTEGER NOT NULL,
  started_at  INTEGER NOT NULL,
  finished_at INTEGER NOT NULL, kind TEXT NOT NULL DEFAULT 'agent', place TEXT, label TEXT, request TEXT,
  CHECK ((reply IS NULL) <> (error_kind IS NULL))
);

CREATE INDEX calls_by_task ON calls (run_id, task_key, seq);

CREATE TABLE events (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id    TEXT NOT NULL REFERENCES runs (id),
  kind      TEXT NOT NULL CHECK (kind IN ('phase_started', 'phase_finished', 'run_resumed')),
  name      TEXT,
  task_key  TEXT,
  at        INTEGER NOT NULL,
  calls_seq INTEGER NOT NULL,
  cut_seq   INTEGER
, outcome TEXT);

CREATE INDEX events_by_run ON events (run_id, seq);

CREATE TABLE reply_cache (
  key        TEXT PRIMARY KEY,
  provider   TEXT NOT NULL,
  model      TEXT NOT NULL,
  reply      TEXT NOT NULL,
  tokens_in  INTEGER NOT NULL,
  tokens_out INTEGER NOT NULL,
  cost       REAL NOT NULL,
  created_at INTEGER NOT NULL,
  used_at    INTEGER NOT NULL,
  hits       INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX calls_by_place ON calls (run_id, place, seq);

CREATE TABLE "runs" (
  id                 TEXT PRIMARY KEY,
  script             TEXT NOT NULL,
  plan_sha256        TEXT NOT NULL,
  plan_json          TEXT NOT NULL,
  args_json          TEXT NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'waiting')),
  started_at         INTEGER NOT NULL,
  ended_at           INTEGER,
  updated_at         INTEGER NOT NULL,
  pid                INTEGER NOT NULL,
  host               TEXT NOT NULL,
  process_started_at INTEGER,
  calls              INTEGER NOT NULL DEFAULT 0,
  tokens_in          INTEGER NOT NULL DEFAULT 0,
  tokens_out         INTEGER NOT NULL DEFAULT 0,
  cost               REAL NOT NULL DEFAULT 0,
  error              TEXT
, plan_key TEXT);

CREATE INDEX runs_newest_first ON runs (started_at DESC, id DESC);

CREATE TABLE questions (
  run_id      TEXT NOT NULL REFERENCES runs (id),
  id          TEXT NOT NULL,
  place       TEXT NOT NULL,
  task_key    TEXT NOT NULL,
  question    TEXT NOT NULL,
  options     TEXT,
  default_answer TEXT,
  asked_at    INTEGER NOT NULL,
  timeout_at  INTEGER,
  answer      TEXT,
  answered_at INTEGER,
  PRIMARY KEY (run_id, id)
);

CREATE INDEX runs_by_plan_key ON runs (plan_key);

