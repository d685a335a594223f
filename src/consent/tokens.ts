import type { Kysely } from 'kysely';
import type { ChangeCounters } from '../platform/db/change-counters.ts';
import { compileOnce } from '../platform/db/compiled.ts';
import type { Database } from '../platform/db/database.ts';
import type { Schema } from '../platform/db/schema.ts';
import { randomSecret, sha256 } from '../platform/secrets.ts';
import type { Clock } from '../platform/time/clock.ts';

/** Data Connect's token lifetime (3 h 30), on every token endpoint. */
export const TOKEN_LIFETIME_SECONDS = 12_600;
/** Legacy refresh tokens: long enough for a consent of a year to be used without a new journey. */
export const REFRESH_LIFETIME_SECONDS = 366 * 86_400;

export interface TokenOwner {
  applicationId: string;
  credentialId: string;
}

/** What a valid access token stands for. Legacy tokens also name a customer and the usage points of their consent. */
export type TokenCheck =
  | { ok: true; applicationId: string; credentialId: string; customerId: string | null; usagePoints: string[] | null }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
  issuedAt: number;
  refreshToken?: string;
}

/**
 * OAuth access and refresh tokens: opaque random values kept as SHA-256.
 * Every call checks its token against the table, so a revocation counts from
 * the next call; a signed token (JWT) would need the same lookup for that,
 * so it would only add a signature check.
 */
export class OAuthTokens {
  private readonly db: Kysely<Schema>;
  private readonly clock: Clock;
  private readonly byHash: (hash: Buffer) => Promise<{ kind: 'access' | 'refresh'; applicationId: string; credentialId: string; customerId: string | null; usagePoints: string | null; expiresAt: number; revokedAt: number | null }[]>;

  /** With the hub's change counters, a token's row is kept in memory until a token is revoked (counter `tokens`). */
  constructor(database: Database, clock: Clock, changes?: ChangeCounters) {
    this.db = database.db;
    this.clock = clock;
    const byHash = compileOnce(
      database,
      (hash: Buffer) => this.db.selectFrom('oauthTokens').select(['kind', 'applicationId', 'credentialId', 'customerId', 'usagePoints', 'expiresAt', 'revokedAt']).where('tokenHash', '=', hash),
      Buffer.from('hash?') as Buffer,
    );
    this.byHash = changes ? (hash) => changes.remember('tokens', hash.toString('base64'), () => byHash(hash)) : byHash;
  }

  /** An application token (client credentials grant). */
  async issueClientToken(owner: TokenOwner): Promise<IssuedToken> {
    const now = this.clock.now();
    const accessToken = randomSecret('');
    await this.insert('access', accessToken, owner, null, null, now, TOKEN_LIFETIME_SECONDS);
    return { accessToken, expiresIn: TOKEN_LIFETIME_SECONDS, issuedAt: now };
  }

  /** A customer's access and refresh tokens (legacy authorization code and refresh grants). */
  async issueCustomerTokens(owner: TokenOwner, customerId: string, usagePoints: string[]): Promise<IssuedToken & { refreshToken: string }> {
    const now = this.clock.now();
    const accessToken = randomSecret('');
    const refreshToken = randomSecret('');
    await this.db.transaction().execute(async (trx) => {
      await this.insert('access', accessToken, owner, customerId, usagePoints, now, TOKEN_LIFETIME_SECONDS, trx);
      await this.insert('refresh', refreshToken, owner, customerId, usagePoints, now, REFRESH_LIFETIME_SECONDS, trx);
    });
    return { accessToken, refreshToken, expiresIn: TOKEN_LIFETIME_SECONDS, issuedAt: now };
  }

  async verify(token: string, kind: 'access' | 'refresh' = 'access'): Promise<TokenCheck> {
    const [row] = await this.byHash(sha256(token));
    if (!row || row.kind !== kind) return { ok: false, reason: 'unknown' };
    if (row.revokedAt !== null) return { ok: false, reason: 'revoked' };
    if (Number(row.expiresAt) <= this.clock.now()) return { ok: false, reason: 'expired' };
    return { ok: true, applicationId: row.applicationId, credentialId: row.credentialId, customerId: row.customerId, usagePoints: row.usagePoints ? row.usagePoints.split(',') : null };
  }

  /** Ends a token of this application; someone else's token or an unknown one is left alone. Returns whether this call ended it. */
  async revoke(token: string, applicationId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('oauthTokens')
      .set({ revokedAt: this.clock.now() })
      .where('tokenHash', '=', sha256(token))
      .where('applicationId', '=', applicationId)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  private async insert(kind: 'access' | 'refresh', token: string, owner: TokenOwner, customerId: string | null, usagePoints: string[] | null, now: number, lifetime: number, db: Kysely<Schema> = this.db): Promise<void> {
    await db
      .insertInto('oauthTokens')
      .values({ tokenHash: sha256(token), kind, applicationId: owner.applicationId, credentialId: owner.credentialId, customerId, usagePoints: usagePoints?.join(',') ?? null, issuedAt: now, expiresAt: now + lifetime * 1000, revokedAt: null })
      .execute();
  }
}
