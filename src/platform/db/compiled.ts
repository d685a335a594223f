import type { Compilable, Kysely } from 'kysely';

/**
 * A query of the hot path, written with Kysely and compiled once. Building
 * and compiling a query (and running the plugins over it) costs more than
 * running a primary-key lookup, so hot queries are compiled at start-up with
 * sample arguments and then run with the arguments of each call.
 *
 * Every sample argument must be a distinct value (a distinct string, or a
 * distinct Buffer object), so that its position among the parameters is known.
 */
export function compileOnce<A extends unknown[], R>(db: Kysely<never>, build: (...args: A) => Compilable<R>, ...sample: A): (...args: A) => Promise<R[]> {
  const compiled = build(...sample).compile();
  const positions = compiled.parameters.map((parameter) => sample.indexOf(parameter));
  if (positions.some((p) => p < 0) || new Set(sample).size !== sample.length) {
    throw new Error('compileOnce: every parameter must come from a distinct sample argument');
  }
  return async (...args: A) => (await db.executeQuery<R>({ ...compiled, parameters: positions.map((p) => args[p]) })).rows;
}
