-- A site's outboxes. An item's idempotency key is (site, outbox, seq): a site whose data folder was replaced has a
-- new outbox (a new random id) whose sequence starts again at 1, and its items are new, not resends of the old one's.
CREATE TABLE site_outbox (
  site_id VARCHAR(64) NOT NULL,
  outbox_id VARCHAR(64) NOT NULL,
  last_seq BIGINT NOT NULL,
  first_us BIGINT NOT NULL,
  PRIMARY KEY (site_id, outbox_id));

-- The outbox of the site's last applied item (site.last_seq is its sequence number there), and of each aggregate.
ALTER TABLE site ADD COLUMN outbox_id VARCHAR(64);
ALTER TABLE daily_aggregate ADD COLUMN outbox_id VARCHAR(64);
