-- The hub's own records. Times are epoch microseconds (BIGINT), as in data-shard.

-- A site and its key (only the key's SHA-256 is kept). A revoked site keeps its data; its key is refused.
CREATE TABLE site (
  site_id VARCHAR(64) PRIMARY KEY,
  key_sha256 VARCHAR(64) NOT NULL UNIQUE,
  created_us BIGINT NOT NULL,
  revoked_us BIGINT,
  last_seq BIGINT NOT NULL DEFAULT 0,
  last_sync_us BIGINT,
  applied BIGINT NOT NULL DEFAULT 0,
  duplicates BIGINT NOT NULL DEFAULT 0,
  refused BIGINT NOT NULL DEFAULT 0);

-- The latest aggregate of each site, device and day; seq is the outbox item that brought it.
CREATE TABLE daily_aggregate (
  site_id VARCHAR(64) NOT NULL,
  device_id VARCHAR(64) NOT NULL,
  agg_day DATE NOT NULL,
  seq BIGINT NOT NULL,
  readings BIGINT NOT NULL,
  body VARCHAR(65000) NOT NULL,
  received_us BIGINT NOT NULL,
  PRIMARY KEY (site_id, device_id, agg_day));

-- The shared model repository's index; the weights are files (models/<model>/<version>/weights.edgw).
CREATE TABLE model_version (
  model VARCHAR(64) NOT NULL,
  version BIGINT NOT NULL,
  site_id VARCHAR(64),
  kind VARCHAR(16) NOT NULL,
  sha256 VARCHAR(64) NOT NULL,
  training_rows BIGINT NOT NULL,
  source VARCHAR(300),
  config CLOB NOT NULL,
  published_us BIGINT NOT NULL,
  PRIMARY KEY (model, version));
