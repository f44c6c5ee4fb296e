-- Schema v10: when a member left the roster. Set when their status becomes 'left', cleared
-- if they return, so the retention job can remove a leaver's evidence a configured number of
-- months later (`retention.leavers_evidence_months`). Members who left before v10 count from
-- the time of their last change, the best record there is.
ALTER TABLE members ADD COLUMN left_at TEXT;
UPDATE members SET left_at = updated_at WHERE status = 'left';
CREATE INDEX members_left ON members (left_at) WHERE left_at IS NOT NULL;
