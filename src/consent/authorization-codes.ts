import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { Schema } from '../platform/db/schema.ts';
import { randomSecret, sha256 } from '../platform/secrets.ts';
import type { Clock } from '../platform/time/clock.ts';

/** A code is exchanged within three minutes or never (§3, decision 5). */
export const CODE_LIFETIME_MS = 180_000;

export interface RedeemedCode {
  customerId: string;
  usagePoints: string[];
}

/**
 * The authorization codes of the consent redirect: random, single-use,
 * short-lived, kept as SHA-256. Only the legacy token endpoint redeems them.
 */
export class AuthorizationCodes {
  private readonly db: Kysely<Schema>;
  private readonly clock: Clock;

  constructor(database: Database, clock: Clock) {
    this.db = database.db;
    this.clock = clock;
  }

  async issue(input: { applicationId: string; customerId: string; usagePoints: string[] }): Promise<string> {
    const code = randomSecret('', 24);
    const now = this.clock.now();
    await this.db
      .insertInto('authorizationCodes')
      .values({ codeHash: sha256(code), applicationId: input.applicationId, customerId: input.customerId, usagePoints: input.usagePoints.join(','), createdAt: now, expiresAt: now + CODE_LIFETIME_MS, usedAt: null })
      .execute();
    return code;
  }

  /** Marks the code used and returns what it stands for; a used, late, unknown or other application's code gives undefined. One statement, so two concurrent exchanges cannot both win. */
  async redeem(code: string, applicationId: string): Promise<RedeemedCode | undefined> {
    const now = this.clock.now();
    const row = await this.db
      .updateTable('authorizationCodes')
      .set({ usedAt: now })
      .where('codeHash', '=', sha256(code))
      .where('applicationId', '=', applicationId)
      .where('usedAt', 'is', null)
      .where('expiresAt', '>', now)
      .returning(['customerId', 'usagePoints'])
      .executeTakeFirst();
    return row ? { customerId: row.customerId, usagePoints: row.usagePoints.split(',') } : undefined;
  }
}
