-- A claim takes a target's due deliveries, oldest first: by this index it reads just those it takes, where the
-- index on (status, next_attempt_at) made it scan every due delivery of every target.
CREATE INDEX event_delivery_due_by_target ON event_delivery (target, status, next_attempt_at);
