-- Remaining useful life predicted by a RUL model (model.json's regression block, outputs rul, rul_lower, rul_upper):
-- the point prediction and its interval in the model's unit (cycles or hours), as columns so a device's RUL over
-- time is read (and could be indexed or summarised) without parsing the probabilities JSON. Null for classifiers
-- and for predictions stored before this migration.
ALTER TABLE prediction ADD COLUMN IF NOT EXISTS rul DOUBLE PRECISION;
ALTER TABLE prediction ADD COLUMN IF NOT EXISTS rul_lower DOUBLE PRECISION;
ALTER TABLE prediction ADD COLUMN IF NOT EXISTS rul_upper DOUBLE PRECISION;
