import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import type { Schema } from '../platform/db/schema.ts';
import { hashPassword, randomSecret, sha256, verifyPassword } from '../platform/secrets.ts';
import type { Clock } from '../platform/time/clock.ts';

/** A signed-in session lasts a working day at most; signing out ends it at once. */
export const SESSION_LIFETIME_MS = 8 * 3600_000;

export interface CustomerSession {
  customerId: string;
  email: string;
}

// Checked when the e-mail is unknown, so that the answer takes as long as for a known one.
const UNKNOWN_ACCOUNT_HASH = hashPassword(randomSecret(''));

/**
 * Customer accounts of the customer space: e-mail and scrypt password, and
 * sessions kept as the SHA-256 of a random cookie value.
 */
export class CustomerAccounts {
  private readonly db: Kysely<Schema>;
  private readonly clock: Clock;

  constructor(database: Database, clock: Clock) {
    this.db = database.db;
    this.clock = clock;
  }

  /** Opens the customer space to a customer of the grid; each refusal says what to do instead. */
  async create(input: { customerId: string; email: string; password: string }): Promise<void> {
    const email = input.email.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new AppError(400, 'invalid_email', `"${input.email}" is not an e-mail address`);
    if (input.password.length < 12) throw new AppError(400, 'weak_password', 'a customer password has at least 12 characters');
    if (!(await this.db.selectFrom('customers').select('id').where('id', '=', input.customerId).executeTakeFirst())) {
      throw new AppError(404, 'unknown_customer', `no customer "${input.customerId}" in the grid: import the customer first`);
    }
    if (await this.exists(input.customerId)) throw new AppError(409, 'account_exists', `customer ${input.customerId} already has an account`);
    if (await this.db.selectFrom('customerAccounts').select('customerId').where('email', '=', email).executeTakeFirst()) {
      throw new AppError(409, 'email_taken', `the e-mail ${email} is already the sign-in of another customer`);
    }
    await this.db.insertInto('customerAccounts').values({ customerId: input.customerId, email, passwordHash: await hashPassword(input.password), createdAt: this.clock.now() }).execute();
  }

  async exists(customerId: string): Promise<boolean> {
    return (await this.db.selectFrom('customerAccounts').select('customerId').where('customerId', '=', customerId).executeTakeFirst()) !== undefined;
  }

  /** The customer behind an e-mail and password, or undefined; the same work is done whether the e-mail exists or not. */
  async checkPassword(email: string, password: string): Promise<string | undefined> {
    const account = await this.db.selectFrom('customerAccounts').select(['customerId', 'passwordHash']).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
    const matches = await verifyPassword(password, account?.passwordHash ?? (await UNKNOWN_ACCOUNT_HASH));
    return account && matches ? account.customerId : undefined;
  }

  /** Opens a session; the returned value goes into the cookie and nowhere else. */
  async openSession(customerId: string): Promise<string> {
    const token = randomSecret('');
    const now = this.clock.now();
    await this.db.insertInto('customerSessions').values({ tokenHash: sha256(token), customerId, createdAt: now, expiresAt: now + SESSION_LIFETIME_MS, revoked: 0 }).execute();
    return token;
  }

  async session(token: string | undefined): Promise<CustomerSession | undefined> {
    if (!token) return undefined;
    const row = await this.db
      .selectFrom('customerSessions as s')
      .innerJoin('customerAccounts as a', 'a.customerId', 's.customerId')
      .select(['s.customerId', 'a.email', 's.expiresAt', 's.revoked'])
      .where('s.tokenHash', '=', sha256(token))
      .executeTakeFirst();
    if (!row || Number(row.revoked) === 1 || Number(row.expiresAt) <= this.clock.now()) return undefined;
    return { customerId: row.customerId, email: row.email };
  }

  async closeSession(token: string): Promise<void> {
    await this.db.updateTable('customerSessions').set({ revoked: 1 }).where('tokenHash', '=', sha256(token)).execute();
  }
}
