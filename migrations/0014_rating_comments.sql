-- A rating takes effect after its subject has had a window to comment and each comment is answered:
-- the subject's comments with the officer's answers, and the moment a rating was published internally.
CREATE TABLE rating_comments (
  id uuid PRIMARY KEY,
  rating_id uuid NOT NULL REFERENCES ratings (id),
  comment text NOT NULL,
  commented_by uuid NOT NULL REFERENCES users (id),
  commented_at timestamptz NOT NULL,
  answer text,
  answered_by uuid REFERENCES users (id),
  answered_at timestamptz
);
CREATE INDEX rating_comments_rating_idx ON rating_comments (rating_id);
ALTER TABLE ratings ADD COLUMN published_at timestamptz;
