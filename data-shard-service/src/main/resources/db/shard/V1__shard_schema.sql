-- The schema of a shard as the releases before Flyway created it (ShardSchema's statements), unchanged.
-- Every statement is IF NOT EXISTS: a shard file written before Flyway is baselined at version 0 and then runs
-- this file too, which completes a schema that an interrupted first start left partial and changes nothing else.
-- Times are epoch microseconds (BIGINT): exact, portable across H2 and PostgreSQL, cheap to index.

CREATE TABLE IF NOT EXISTS ingest_batch (
  batch_id VARCHAR(128) PRIMARY KEY,
  digest VARCHAR(64) NOT NULL,
  readings INT NOT NULL,
  predictions INT NOT NULL,
  alert_events INT NOT NULL,
  stored_us BIGINT NOT NULL);

CREATE TABLE IF NOT EXISTS reading (
  device_id VARCHAR(64) NOT NULL,
  ts_us BIGINT NOT NULL,
  machine_type VARCHAR(16),
  sensors VARCHAR(16000) NOT NULL,
  PRIMARY KEY (device_id, ts_us));

CREATE INDEX IF NOT EXISTS reading_ts ON reading(ts_us);

CREATE TABLE IF NOT EXISTS prediction (
  prediction_id VARCHAR(300) PRIMARY KEY,
  device_id VARCHAR(64) NOT NULL,
  ts_us BIGINT NOT NULL,
  model VARCHAR(128) NOT NULL,
  model_version VARCHAR(32) NOT NULL,
  status VARCHAR(32) NOT NULL,
  predicted_class VARCHAR(64),
  probabilities VARCHAR(4000) NOT NULL,
  batch_id VARCHAR(128) NOT NULL);

CREATE INDEX IF NOT EXISTS prediction_device_ts ON prediction(device_id, ts_us);

CREATE INDEX IF NOT EXISTS prediction_ts ON prediction(ts_us);

CREATE TABLE IF NOT EXISTS alert (
  alert_id VARCHAR(200) PRIMARY KEY,
  device_id VARCHAR(64) NOT NULL,
  failure_mode VARCHAR(64) NOT NULL,
  severity VARCHAR(16) NOT NULL,
  state VARCHAR(16) NOT NULL,
  raised_us BIGINT,
  acknowledged_us BIGINT,
  acknowledged_by VARCHAR(128),
  confirmed BOOLEAN,
  note VARCHAR(1000),
  cleared_us BIGINT,
  updated_us BIGINT NOT NULL);

CREATE INDEX IF NOT EXISTS alert_state ON alert(state);

CREATE INDEX IF NOT EXISTS alert_device ON alert(device_id);

CREATE TABLE IF NOT EXISTS alert_event (
  event_id VARCHAR(240) PRIMARY KEY,
  alert_id VARCHAR(200) NOT NULL,
  device_id VARCHAR(64) NOT NULL,
  ts_us BIGINT NOT NULL,
  event_type VARCHAR(16) NOT NULL,
  severity VARCHAR(16),
  failure_mode VARCHAR(64),
  actor VARCHAR(128),
  batch_id VARCHAR(128));

CREATE INDEX IF NOT EXISTS alert_event_ts ON alert_event(ts_us);

CREATE TABLE IF NOT EXISTS feedback (
  feedback_id VARCHAR(128) PRIMARY KEY,
  prediction_id VARCHAR(300) NOT NULL,
  device_id VARCHAR(64) NOT NULL,
  reading_ts_us BIGINT NOT NULL,
  correct BOOLEAN NOT NULL,
  actual_failure_mode VARCHAR(64),
  given_by VARCHAR(128) NOT NULL,
  given_us BIGINT NOT NULL,
  note VARCHAR(1000));

CREATE INDEX IF NOT EXISTS feedback_prediction ON feedback(prediction_id);

CREATE INDEX IF NOT EXISTS feedback_reading ON feedback(device_id, reading_ts_us);

CREATE TABLE IF NOT EXISTS device_status (
  device_id VARCHAR(64) PRIMARY KEY,
  prediction_us BIGINT,
  prediction_id VARCHAR(300),
  status VARCHAR(32),
  predicted_class VARCHAR(64),
  model VARCHAR(128),
  model_version VARCHAR(32));
