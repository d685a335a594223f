import { CamelCasePlugin, type Compilable, type Kysely } from 'kysely';
import type { Database } from './database.ts';

/**
 * A query of the hot path, written with Kysely and compiled once. Building
 * and compiling a query (and running the plugins over it) costs more than
 * running a primary-key lookup, so hot queries are compiled at start-up with
 * sample arguments and then run with the arguments of each call.
 *
 * On SQLite the compiled text is prepared once on the raw handle and rows are
 * built from arrays with precomputed camelCase keys: Kysely's driver (a
 * connection mutex, several promise hops and a key-renaming pass per row)
 * cost more than the statement itself (docs/performance.md).
 *
 * Every sample argument must be a distinct value (a distinct string, number,
 * or Buffer object), so that its position among the parameters is known.
 */
export function compileOnce<A extends unknown[], R>(database: Database, build: (...args: A) => Compilable<R>, ...sample: A): (...args: A) => Promise<R[]> {
  const compiled = build(...sample).compile();
  const positions = compiled.parameters.map((parameter) => sample.indexOf(parameter));
  if (positions.some((p) => p < 0) || new Set(sample).size !== sample.length) {
    throw new Error('compileOnce: every parameter must come from a distinct sample argument');
  }
  const parametersOf = (args: A): unknown[] => positions.map((p) => args[p]);
  if (database.engine === 'sqlite' && database.sqlite) {
    // Reads only: better-sqlite3 refuses raw mode for a statement that returns no rows.
    const statement = database.sqlite.prepare(compiled.sql).raw(true);
    const keys = statement.columns().map((column) => camelCase(column.name));
    return (...args: A) => {
      const rows = statement.all(parametersOf(args)) as unknown[][];
      const out: R[] = new Array(rows.length);
      for (let r = 0; r < rows.length; r++) {
        const values = rows[r]!;
        const row: Record<string, unknown> = {};
        for (let i = 0; i < keys.length; i++) row[keys[i]!] = values[i];
        out[r] = row as R;
      }
      return Promise.resolve(out);
    };
  }
  const db = database.db as unknown as Kysely<never>;
  return async (...args: A) => (await db.executeQuery<R>({ ...compiled, parameters: parametersOf(args) })).rows;
}

/** The same renaming as the CamelCasePlugin the Kysely instance runs with. */
class KeyNames extends CamelCasePlugin {
  toCamel(name: string): string {
    return this.camelCase(name);
  }
}
const keyNames = new KeyNames();
const camelCase = (name: string): string => keyNames.toCamel(name);
