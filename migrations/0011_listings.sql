-- CI-27: subjects listed on the serious dishonesty list by decision of the bureau office meeting. An
-- entry lasts as long as the sanction it rests on (CI-28): `until` is that sanction's last day, NULL
-- for life; whether it is on the list on a day is derived from these dates.
CREATE TABLE listings (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL UNIQUE REFERENCES cases (id),
  subject_id uuid NOT NULL REFERENCES subjects (id),
  sanction_id uuid NOT NULL REFERENCES sanctions (id),
  jurisdiction_code text NOT NULL REFERENCES regions (code),
  grounds text NOT NULL,
  listed_on date NOT NULL,
  until date,
  created_at timestamptz NOT NULL
);
CREATE INDEX listings_until_idx ON listings (until);
CREATE INDEX listings_subject_idx ON listings (subject_id);
