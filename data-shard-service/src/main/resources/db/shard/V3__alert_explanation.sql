-- Why the model raised an alert: the raising reading's explanation (edge-contracts Explanation as JSON: the label's
-- logit, its reference, the top reasons with values and limits, and the contributions summed onto each sensor).
-- Written with the RAISED event; null for alerts raised before explanations existed.
ALTER TABLE alert ADD COLUMN IF NOT EXISTS explanation VARCHAR(16000);
