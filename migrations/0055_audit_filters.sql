-- Issue 21: the audit administrator narrows the log by action and by date, newest first; the security
-- administrator reads the login log (auth.login) the same way. (By operator: audit_events_actor_idx of 0001.)
-- seq grows with at, so the action index keeps a filter's events in the order a page reads them.
CREATE INDEX audit_events_action_idx ON audit_events (action, seq);
CREATE INDEX audit_events_at_idx ON audit_events (at);
