// SQLite schema history. Append-only: a released migration is never edited or reordered, because
// databases in the field have recorded its version as applied. Add a new entry with the next version.
//
// Tables are STRICT so a value of the wrong type (a fractional token count sneaked in by a cast) is
// an error instead of being stored silently; CHECKs keep rows within what the domain types promise.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const DAY = `GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`;
const WEEKDAYS = `'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'`;
/** The delivery ledger (version 5, rebuilt with wider slot and kind checks by version 8). */
const deliveriesTable = (name: string, slotCheck: string, kinds: string) => `CREATE TABLE ${name} (
        channel TEXT NOT NULL CHECK (channel <> ''),
        slot TEXT NOT NULL CHECK (${slotCheck}),
        kind TEXT NOT NULL CHECK (kind IN (${kinds})),
        state TEXT NOT NULL CHECK (state IN ('claimed', 'sent', 'failed', 'skipped')),
        week TEXT CHECK (week IS NULL OR week GLOB '[0-9][0-9][0-9][0-9]-W[0-5][0-9]'),
        at TEXT NOT NULL,
        claimed_by TEXT,
        lease_until TEXT,
        message_ids TEXT NOT NULL CHECK (json_valid(message_ids) AND json_type(message_ids) = 'array'),
        reason TEXT,
        delayed INTEGER NOT NULL CHECK (delayed IN (0, 1)),
        PRIMARY KEY (channel, slot),
        CHECK (state <> 'claimed' OR (claimed_by IS NOT NULL AND lease_until IS NOT NULL))
      ) STRICT, WITHOUT ROWID;`;

const PRICE = (column: string) => `${column} REAL CHECK (${column} IS NULL OR ${column} >= 0)`;

/**
 * Keeps a channel's ledger head (its newest scheduled entry, the newest week sent to it) in step
 * with a delivery row just written: what a minute tick reads instead of the whole recent ledger.
 */
const HEAD_UPSERT = `
  INSERT INTO delivery_heads (channel, slot, state, at, week, sent_week) VALUES (NEW.channel,
    CASE WHEN NEW.kind = 'scheduled' THEN NEW.slot END, CASE WHEN NEW.kind = 'scheduled' THEN NEW.state END,
    CASE WHEN NEW.kind = 'scheduled' THEN NEW.at END, CASE WHEN NEW.kind = 'scheduled' THEN NEW.week END,
    CASE WHEN NEW.state = 'sent' THEN NEW.week END)
  ON CONFLICT (channel) DO UPDATE SET
    slot = CASE WHEN excluded.slot >= coalesce(delivery_heads.slot, '') THEN excluded.slot ELSE delivery_heads.slot END,
    state = CASE WHEN excluded.slot >= coalesce(delivery_heads.slot, '') THEN excluded.state ELSE delivery_heads.state END,
    at = CASE WHEN excluded.slot >= coalesce(delivery_heads.slot, '') THEN excluded.at ELSE delivery_heads.at END,
    week = CASE WHEN excluded.slot >= coalesce(delivery_heads.slot, '') THEN excluded.week ELSE delivery_heads.week END,
    sent_week = CASE WHEN excluded.sent_week > coalesce(delivery_heads.sent_week, '') THEN excluded.sent_week ELSE delivery_heads.sent_week END;`;

/** Fills the heads from a ledger written before they were kept (also used by the Postgres migration). */
export const HEADS_BACKFILL = `
  INSERT INTO delivery_heads (channel, slot, state, at, week, sent_week)
  SELECT c.channel, h.slot, h.state, h.at, h.week,
    (SELECT max(s.week) FROM deliveries s WHERE s.channel = c.channel AND s.state = 'sent')
  FROM (SELECT DISTINCT channel FROM deliveries) c
  LEFT JOIN deliveries h ON h.channel = c.channel
    AND h.slot = (SELECT max(n.slot) FROM deliveries n WHERE n.channel = c.channel AND n.kind = 'scheduled');`;

export const sqliteMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'usage, restatements, catalog snapshots, price ledger',
    sql: `
      CREATE TABLE usage (
        date TEXT NOT NULL CHECK (date ${DAY}),
        permaslug TEXT NOT NULL CHECK (permaslug <> ''),
        tokens INTEGER NOT NULL CHECK (tokens BETWEEN 0 AND 9007199254740991),
        as_of TEXT NOT NULL,
        PRIMARY KEY (date, permaslug)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE usage_restatements (
        id INTEGER PRIMARY KEY,
        date TEXT NOT NULL,
        permaslug TEXT NOT NULL,
        from_tokens INTEGER NOT NULL,
        to_tokens INTEGER NOT NULL,
        from_as_of TEXT NOT NULL,
        to_as_of TEXT NOT NULL
      ) STRICT;
      CREATE INDEX usage_restatements_by_date ON usage_restatements (date, permaslug, id);

      CREATE TABLE catalog_snapshots (
        fetched_on TEXT PRIMARY KEY CHECK (fetched_on ${DAY})
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE catalog_models (
        fetched_on TEXT NOT NULL REFERENCES catalog_snapshots (fetched_on) ON DELETE CASCADE,
        id TEXT NOT NULL CHECK (id <> ''),
        position INTEGER NOT NULL,
        canonical_slug TEXT NOT NULL,
        name TEXT NOT NULL,
        created INTEGER,
        context_length INTEGER,
        hugging_face_id TEXT,
        ${PRICE('input')},
        ${PRICE('output')},
        ${PRICE('cache_read')},
        PRIMARY KEY (fetched_on, id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX catalog_models_by_model ON catalog_models (id, fetched_on);

      CREATE TABLE price_points (
        model_id TEXT NOT NULL,
        date TEXT NOT NULL,
        ${PRICE('input')},
        ${PRICE('output')},
        ${PRICE('cache_read')},
        PRIMARY KEY (model_id, date)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'per-channel alert settings',
    sql: `
      CREATE TABLE channel_settings (
        channel TEXT PRIMARY KEY CHECK (channel <> ''),
        thresholds TEXT NOT NULL CHECK (json_valid(thresholds)),
        watchlist TEXT NOT NULL CHECK (json_valid(watchlist)),
        updated_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    name: 'provenance: the source of every row, one source per database; suspect catalogs kept aside',
    // Rows stored before sources were recorded cannot be attributed: they and their database are
    // marked 'unknown', so no source's data is ever added to them.
    sql: `
      CREATE TABLE data_source (
        only INTEGER PRIMARY KEY CHECK (only = 1),
        name TEXT NOT NULL CHECK (name <> '')
      ) STRICT;
      ALTER TABLE usage ADD COLUMN source TEXT NOT NULL DEFAULT 'unknown';
      ALTER TABLE catalog_snapshots ADD COLUMN source TEXT NOT NULL DEFAULT 'unknown';
      INSERT INTO data_source (only, name)
        SELECT 1, 'unknown' WHERE EXISTS (SELECT 1 FROM usage) OR EXISTS (SELECT 1 FROM catalog_snapshots);

      CREATE TABLE catalog_suspects (
        fetched_on TEXT PRIMARY KEY CHECK (fetched_on ${DAY}),
        source TEXT NOT NULL,
        models INTEGER NOT NULL,
        compared_with TEXT NOT NULL,
        compared_models INTEGER NOT NULL,
        reason TEXT NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body))
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    name: 'per-channel charts switch',
    // NULL = never set: the channel follows the default (charts on).
    sql: `ALTER TABLE channel_settings ADD COLUMN charts INTEGER CHECK (charts IN (0, 1));`,
  },
  {
    version: 5,
    name: 'scheduler: subscriptions, delivery ledger, alert history, refresh log',
    // Times are ISO 8601 UTC text of one width (toISOString), so text order is time order.
    sql: `
      CREATE TABLE subscriptions (
        channel TEXT PRIMARY KEY CHECK (channel <> ''),
        weekday TEXT NOT NULL CHECK (weekday IN (${WEEKDAYS})),
        time TEXT NOT NULL CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]'),
        zone TEXT NOT NULL CHECK (zone <> ''),
        alerts INTEGER NOT NULL CHECK (alerts IN (0, 1)),
        subscribed_by TEXT NOT NULL CHECK (subscribed_by <> ''),
        active_since TEXT NOT NULL,
        paused_reason TEXT,
        paused_at TEXT,
        CHECK ((paused_reason IS NULL) = (paused_at IS NULL))
      ) STRICT, WITHOUT ROWID;

      ${deliveriesTable('deliveries', `slot ${DAY} OR slot GLOB 'manual:?*'`, `'scheduled', 'manual'`)}
      CREATE INDEX deliveries_by_at ON deliveries (at);

      CREATE TABLE alert_baselines (
        channel TEXT PRIMARY KEY CHECK (channel <> ''),
        baseline_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE alert_history (
        channel TEXT NOT NULL CHECK (channel <> ''),
        identity TEXT NOT NULL CHECK (identity <> ''),
        topic TEXT NOT NULL CHECK (topic <> ''),
        state TEXT NOT NULL CHECK (state IN ('sent', 'baseline', 'cooldown')),
        at TEXT NOT NULL,
        PRIMARY KEY (channel, identity)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE refresh_log (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL CHECK (finished_at >= started_at),
        ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
        summary TEXT NOT NULL,
        as_of TEXT
      ) STRICT;
    `,
  },
  {
    // One process on one file holds every lease it asks
    // for; the table is here so both stores keep one port and one schema history.
    version: 6,
    name: 'leases: one holder per name for a while (the Discord gateway)',
    sql: `
      CREATE TABLE leases (
        name TEXT PRIMARY KEY CHECK (name <> ''),
        holder TEXT NOT NULL CHECK (holder <> ''),
        expires_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 7,
    name: 'data version: a counter every data write bumps, so readers can tell cheaply whether anything changed',
    sql: `
      CREATE TABLE data_version (
        only INTEGER PRIMARY KEY CHECK (only = 1),
        version INTEGER NOT NULL CHECK (version >= 0)
      ) STRICT;
      INSERT INTO data_version (only, version) VALUES (1, 0);
    `,
  },
  {
    version: 8,
    name: 'scheduler: a version of the subscriptions and each channel\'s ledger head, for the minute tick',
    // The tick re-reads the subscriptions only when their version
    // moved (a trigger bumps it on any write, from any process) and reads one head row per channel.
    sql: `
      CREATE TABLE subscriptions_version (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL) STRICT;
      INSERT INTO subscriptions_version (id, n) VALUES (1, 0);
      CREATE TRIGGER subscriptions_inserted AFTER INSERT ON subscriptions BEGIN UPDATE subscriptions_version SET n = n + 1; END;
      CREATE TRIGGER subscriptions_updated AFTER UPDATE ON subscriptions BEGIN UPDATE subscriptions_version SET n = n + 1; END;
      CREATE TRIGGER subscriptions_deleted AFTER DELETE ON subscriptions BEGIN UPDATE subscriptions_version SET n = n + 1; END;

      CREATE TABLE delivery_heads (
        channel TEXT PRIMARY KEY,
        slot TEXT,
        state TEXT,
        at TEXT,
        week TEXT,
        sent_week TEXT
      ) STRICT, WITHOUT ROWID;
      ${HEADS_BACKFILL}
      CREATE TRIGGER deliveries_head_inserted AFTER INSERT ON deliveries BEGIN ${HEAD_UPSERT} END;
      CREATE TRIGGER deliveries_head_updated AFTER UPDATE ON deliveries BEGIN ${HEAD_UPSERT} END;
    `,
  },
  {
    version: 9,
    name: 'scheduler: alerts in the delivery ledger',
    // An alert message is claimed like a brief (slot `alerts:<data>`, kind 'alerts') so a crash between
    // posting and recording it never posts it twice. SQLite cannot change a CHECK in place: the table
    // is rebuilt with the wider ones, and its index and triggers made again.
    sql: `
      ${deliveriesTable('deliveries_new', `slot ${DAY} OR slot GLOB 'manual:?*' OR slot GLOB 'alerts:?*'`, `'scheduled', 'manual', 'alerts'`)}
      INSERT INTO deliveries_new SELECT * FROM deliveries;
      DROP TABLE deliveries;
      ALTER TABLE deliveries_new RENAME TO deliveries;
      CREATE INDEX deliveries_by_at ON deliveries (at);
      CREATE TRIGGER deliveries_head_inserted AFTER INSERT ON deliveries BEGIN ${HEAD_UPSERT} END;
      CREATE TRIGGER deliveries_head_updated AFTER UPDATE ON deliveries BEGIN ${HEAD_UPSERT} END;
    `,
  },
];
