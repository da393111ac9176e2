-- Correcting facts (CI-5, CI-15): a finding is never changed in place. Withdrawing it marks it
-- withdrawn (who, when, why); correcting it withdraws it and records a new finding that `corrects` it,
-- the old row pointing at its replacement (`superseded_by`): the history is the chain.
ALTER TABLE findings ADD COLUMN withdrawn_by uuid REFERENCES users (id);
ALTER TABLE findings ADD COLUMN corrects uuid REFERENCES findings (id);
ALTER TABLE findings ADD COLUMN superseded_by uuid REFERENCES findings (id);

-- What a rating was before a correction changed it: recomputed after a finding was withdrawn or
-- corrected (it then re-enters its comment window), or decided in a 复核 (review) case. The ratings
-- row holds the rating as it now stands; each revision keeps the level and publication it replaced.
CREATE TABLE rating_revisions (
  id uuid PRIMARY KEY,
  rating_id uuid NOT NULL REFERENCES ratings (id),
  cause text NOT NULL CHECK (cause IN ('finding_withdrawn', 'finding_corrected', 'review')),
  finding_id uuid REFERENCES findings (id),
  case_id uuid REFERENCES cases (id),
  old_level text,
  new_level text,
  old_published_at timestamptz,
  new_published_at timestamptz,
  reason text NOT NULL,
  revised_by uuid REFERENCES users (id),
  revised_at timestamptz NOT NULL
);
CREATE INDEX rating_revisions_rating_idx ON rating_revisions (rating_id, revised_at);
