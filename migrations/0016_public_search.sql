-- Public-list search by name (CI-25.4, CI-27; issue 6): Chinese has no spaces between words, so a
-- name is indexed by its overlapping pairs of characters (bigrams, as CJK search engines do) in a GIN
-- index on a generated array. A search of two characters or more narrows to the names holding every
-- pair of the query, then checks the substring itself. Built-in GIN on text[]: no extension, and the
-- same on PostgreSQL and PGlite.
CREATE FUNCTION kexin_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT COALESCE(array_agg(DISTINCT substr(lower(t), i, 2)), '{}')
    FROM generate_series(1, char_length(t) - 1) AS i
$$;

ALTER TABLE subjects ADD COLUMN name_bigrams text[] GENERATED ALWAYS AS (kexin_bigrams(name)) STORED;
-- Without the pending list: subjects are added now and then, searched all day, and a search must
-- not have to read a backlog of unmerged entries.
CREATE INDEX subjects_name_bigrams_idx ON subjects USING gin (name_bigrams) WITH (fastupdate = off);

-- The organisation a sanctioned person answers for (CI-26) is searched by its name too.
CREATE INDEX sanctions_responsible_for_idx ON sanctions (responsible_for) WHERE responsible_for IS NOT NULL;
-- Browsing the list newest first without a search reads this index instead of sorting every entry.
CREATE INDEX sanctions_public_decided_idx ON sanctions (decided_date DESC, id) WHERE public_list;
CREATE INDEX listings_listed_idx ON listings (listed_on DESC, id);
