import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { hashPassword, randomSecret, sha256, verifyPassword } from '../platform/secrets.ts';

const USERNAME = /^[a-z][a-z0-9._-]{2,63}$/;

/**
 * Operator accounts: the DSO staff who administer the hub. Passwords are
 * stored with scrypt; a new account gets a one-time password that must be
 * changed at first sign-in.
 */
export async function createOperatorAccount(db: Kysely<Schema>, username: string, now: number): Promise<{ username: string; oneTimePassword: string }> {
  if (!USERNAME.test(username)) {
    throw new AppError(400, 'invalid_username', `"${username}" is not a valid user name: 3-64 characters, lower-case letters, digits, dot, dash or underscore, starting with a letter`);
  }
  const existing = await db.selectFrom('operatorAccounts').select('username').where('username', '=', username).executeTakeFirst();
  if (existing) throw new AppError(409, 'account_exists', `An operator account "${username}" already exists; choose another name`);
  // 20 characters from an alphabet without look-alikes (0/O, 1/l/I): easy to type once, 115 bits.
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const oneTimePassword = Array.from({ length: 20 }, () => alphabet[randomInt(alphabet.length)]).join('');
  await db.insertInto('operatorAccounts').values({ username, passwordHash: await hashPassword(oneTimePassword), mustChangePassword: 1, createdAt: now }).execute();
  return { username, oneTimePassword };
}

export async function checkOperatorPassword(db: Kysely<Schema>, username: string, password: string): Promise<{ mustChangePassword: boolean } | undefined> {
  const row = await db.selectFrom('operatorAccounts').selectAll().where('username', '=', username).executeTakeFirst();
  // Hash anyway when the account is unknown, so that timing does not reveal which names exist.
  const ok = await verifyPassword(password, row?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  return row && ok ? { mustChangePassword: row.mustChangePassword === 1 } : undefined;
}

export async function countOperatorAccounts(db: Kysely<Schema>): Promise<number> {
  const row = await db.selectFrom('operatorAccounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

const SESSION_MS = 8 * 3600_000;

export interface OperatorSession {
  username: string;
  mustChangePassword: boolean;
}

/** Signs an operator in: a bearer token valid 8 hours, kept as SHA-256. */
export async function openOperatorSession(db: Kysely<Schema>, username: string, password: string, now: number): Promise<{ token: string; expiresAt: number; mustChangePassword: boolean } | undefined> {
  const checked = await checkOperatorPassword(db, username, password);
  if (!checked) return undefined;
  const token = randomSecret('ggs_');
  await db.insertInto('operatorSessions').values({ tokenHash: sha256(token), username, createdAt: now, expiresAt: now + SESSION_MS, revoked: 0 }).execute();
  return { token, expiresAt: now + SESSION_MS, mustChangePassword: checked.mustChangePassword };
}

export async function operatorSession(db: Kysely<Schema>, token: string, now: number): Promise<OperatorSession | undefined> {
  const row = await db
    .selectFrom('operatorSessions as s')
    .innerJoin('operatorAccounts as a', 'a.username', 's.username')
    .select(['s.username', 's.expiresAt', 's.revoked', 'a.mustChangePassword'])
    .where('s.tokenHash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || Number(row.revoked) === 1 || Number(row.expiresAt) <= now) return undefined;
  return { username: row.username, mustChangePassword: Number(row.mustChangePassword) === 1 };
}

export async function closeOperatorSession(db: Kysely<Schema>, token: string): Promise<void> {
  await db.updateTable('operatorSessions').set({ revoked: 1 }).where('tokenHash', '=', sha256(token)).execute();
}

export async function changeOperatorPassword(db: Kysely<Schema>, username: string, current: string, next: string): Promise<void> {
  if (!(await checkOperatorPassword(db, username, current))) throw new AppError(403, 'wrong_password', 'the current password is not right');
  if (next.length < 12) throw new AppError(400, 'weak_password', 'choose a password of at least 12 characters');
  if (next === current) throw new AppError(400, 'same_password', 'choose a password different from the one-time password');
  await db.updateTable('operatorAccounts').set({ passwordHash: await hashPassword(next), mustChangePassword: 0 }).where('username', '=', username).execute();
}
