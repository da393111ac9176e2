/**
 * 生效的信用评价: which rating a subject stands under on a given day. A computed rating takes effect
 * only once published, after its comment window has closed and every comment is answered (CI-15 and
 * the reading in rating-comments.ts); until then the subject's earlier published rating stands, and a
 * subject with none has no rating in effect. Its level is the officer's determination where the rules
 * left the level open (CI-16.2 reading). Whatever acts on a rating reads only this: the veto at
 * application (CI-10) and the spot-check strata (CI-14, CI-21).
 */

/** The level in effect of a ratings row aliased `r`. */
export const LEVEL_IN_EFFECT = 'COALESCE(r.determined_level, r.computed_level)';

/**
 * A condition on a ratings row aliased `r`: published on or before the business day held by the
 * parameter `day` (a `YYYY-MM-DD`). The publication instant is read as a Beijing date (UTC+8), as
 * `businessDate` does, without relying on the server's time-zone data.
 */
export const inEffectOn = (day: string) =>
  `r.published_at IS NOT NULL AND ((r.published_at AT TIME ZONE 'UTC') + interval '8 hours')::date <= ${day}::date`;
