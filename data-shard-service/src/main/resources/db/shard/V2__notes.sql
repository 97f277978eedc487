-- Operators' notes on a device (optionally on one of its alerts or predictions), with what a text model made of
-- them. The embedding is the encoder's vector as little-endian IEEE 754 floats (384 floats = 1,536 bytes for
-- MiniLM), compared by cosine in the service; notes of another encoder are never compared.
CREATE TABLE IF NOT EXISTS note (
  note_id VARCHAR(128) PRIMARY KEY,
  device_id VARCHAR(64) NOT NULL,
  alert_id VARCHAR(200),
  prediction_id VARCHAR(300),
  author VARCHAR(128) NOT NULL,
  note_text VARCHAR(4000) NOT NULL,
  action_text VARCHAR(4000),
  created_us BIGINT NOT NULL,
  suggested_mode VARCHAR(64),
  suggested_probability DOUBLE PRECISION,
  suggestion_model VARCHAR(128),
  suggestion_version VARCHAR(32),
  embedding_model VARCHAR(128),
  embedding_version VARCHAR(32),
  embedding BYTEA);

CREATE INDEX IF NOT EXISTS note_device_created ON note(device_id, created_us);

CREATE INDEX IF NOT EXISTS note_alert ON note(alert_id);

CREATE INDEX IF NOT EXISTS note_embedding_model ON note(embedding_model);
