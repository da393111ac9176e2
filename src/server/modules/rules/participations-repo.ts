/** Participation records (issue 19: review assignments, services on projects) as the subject page lists them. Queries only. */
import type { Sql } from '../../db/database';

export interface ParticipationRow {
  id: string; kind: 'review' | 'service'; call_ref: string | null; project_id: string | null; project_code: string | null; project_name: string | null;
  on_date: string; recusal_declared: boolean | null; note: string | null; recorded_by_name: string | null; recorded_at: Date;
}

export async function participationsOf(db: Sql, subjectId: string): Promise<ParticipationRow[]> {
  return db.query<ParticipationRow>(
    `SELECT a.id, a.kind, a.call_ref, a.project_id, p.code AS project_code, p.name AS project_name, a.on_date, a.recusal_declared, a.note,
            u.display_name AS recorded_by_name, a.recorded_at
       FROM participations a LEFT JOIN projects p ON p.id = a.project_id LEFT JOIN users u ON u.id = a.recorded_by
      WHERE a.subject_id = $1 ORDER BY a.on_date DESC, a.recorded_at DESC`, [subjectId]);
}

/** The years a subject took part in, as the ratings read them (subject_activity, which the demo loader writes too). */
export async function activityYearsOf(db: Sql, subjectId: string): Promise<Array<{ year: number; kind: string }>> {
  return db.query(`SELECT year, kind FROM subject_activity WHERE subject_id = $1 ORDER BY year, kind`, [subjectId]);
}
