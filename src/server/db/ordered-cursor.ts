/**
 * Reads a large result in key order through a server-side cursor, a batch at a time, and hands out
 * the rows of one key after another. A year-end job walks a sorted list of keys alongside it (a merge
 * join done in the application), so memory stays at one batch and the database sorts once instead of
 * answering thousands of `= ANY(…)` look-ups that each visit pages all over the table.
 * Must be used inside a transaction (a cursor lives until its transaction ends).
 */
import type { Sql } from './database';

let serial = 0;

/**
 * For a transaction that reads whole sorted results through cursors: plan them for the total time,
 * not for the first rows (PostgreSQL's default for cursors), and let each sort stay in memory.
 */
export async function planForWholeResults(tx: Sql): Promise<void> {
  await tx.query("SELECT set_config('cursor_tuple_fraction', '1', true), set_config('work_mem', '256MB', true)");
}

export class OrderedCursor<T> {
  private rows: T[] = [];
  private at = 0;
  private exhausted = false;

  private constructor(private readonly tx: Sql, private readonly name: string, private readonly keyOf: (row: T) => string, private readonly keep: (key: string) => boolean, private readonly batch: number) {}

  /**
   * `sql` must be ordered by the key `keyOf` reads, and keys must later be asked for in that order.
   * Rows whose key `keep` refuses are passed over.
   */
  static async open<T>(tx: Sql, sql: string, params: readonly unknown[], keyOf: (row: T) => string, keep: (key: string) => boolean = () => true, batch = 20_000): Promise<OrderedCursor<T>> {
    const name = `kexin_cursor_${++serial}`;
    await tx.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
    return new OrderedCursor<T>(tx, name, keyOf, keep, batch);
  }

  /**
   * The rows of `key`, or none. Keys must be asked for in the cursor's order; rows of a kept key that
   * is never asked for would block the ones after it, so the caller asks for every kept key.
   */
  async take(key: string): Promise<T[]> {
    const out: T[] = [];
    while (await this.hasRow()) {
      const row = this.rows[this.at];
      const k = this.keyOf(row);
      if (!this.keep(k)) {
        this.at++;
        continue;
      }
      if (k !== key) break;
      out.push(row);
      this.at++;
    }
    return out;
  }

  /** Throws when rows remain that no key asked for: the keys and the query disagreed. */
  async closeDrained(): Promise<void> {
    // Rows of keys not kept (a region's subjects rated as another type) may trail the last key asked for: passed over, as in `take`.
    let left = false;
    while (await this.hasRow()) {
      if (this.keep(this.keyOf(this.rows[this.at]))) { left = true; break; }
      this.at++;
    }
    await this.close();
    if (left) throw new Error(`cursor ${this.name}: rows left that no key asked for`);
  }

  private async hasRow(): Promise<boolean> {
    if (this.at < this.rows.length) return true;
    if (this.exhausted) return false;
    this.rows = await this.tx.query<T>(`FETCH FORWARD ${this.batch} FROM ${this.name}`);
    this.at = 0;
    if (this.rows.length < this.batch) this.exhausted = true;
    return this.rows.length > 0;
  }

  async close(): Promise<void> {
    await this.tx.query(`CLOSE ${this.name}`);
  }
}
