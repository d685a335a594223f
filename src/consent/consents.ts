import type { Kysely, Selectable } from 'kysely';
import type { ChangeCounters } from '../platform/db/change-counters.ts';
import { compileOnce } from '../platform/db/compiled.ts';
import type { Database } from '../platform/db/database.ts';
import type { Schema } from '../platform/db/schema.ts';
import type { Clock } from '../platform/time/clock.ts';
import type { ConsentOrigin, ConsentRow } from './consent.tables.ts';

export type Consent = Selectable<ConsentRow>;

/** At most three years (enedis-data-connect.md §3). */
export const MAX_CONSENT_MS = 3 * 366 * 86_400_000;

export class AlreadySharedError extends Error {
  readonly usagePointId: string;

  constructor(usagePointId: string) {
    super(`The usage point ${usagePointId} is already shared with this application`);
    this.usagePointId = usagePointId;
  }
}

/**
 * Consents: one record per (application, customer, usage point), whatever
 * page created it (§13.26). Its id is the `autorisation_id` of Data Connect
 * 2026, kept when the customer shares the same point again after revoking.
 */
export type GrantRequest = { applicationId: string; customerId: string; usagePointIds: string[]; origin: ConsentOrigin; refuseActive?: boolean } & ({ expiresAt: number } | { durationMs: number });

export class Consents {
  private readonly db: Kysely<Schema>;
  private readonly clock: Clock;
  private readonly forPoint: (applicationId: string, usagePointId: string) => Promise<Consent[]>;

  /** With the hub's change counters, the consents of a point are kept in memory until any consent changes (counter `consents`). */
  constructor(database: Database, clock: Clock, changes?: ChangeCounters) {
    this.db = database.db;
    this.clock = clock;
    // Checked on every data call.
    const forPoint = compileOnce(
      database,
      (applicationId: string, usagePointId: string) => this.db.selectFrom('consents').selectAll().where('usagePointId', '=', usagePointId).where('applicationId', '=', applicationId),
      'application?', 'point?',
    );
    this.forPoint = changes ? (applicationId, usagePointId) => changes.remember('consents', `${applicationId}|${usagePointId}`, () => forPoint(applicationId, usagePointId)) : forPoint;
  }

  /**
   * Grants (or renews) the consent of a customer to an application for some
   * usage points, in one transaction, until `expiresAt` (the end the consent
   * page showed) or for `durationMs` from now; never longer than three
   * years, whoever calls. With `refuseActive`, a point already shared and
   * live is an error (the v2 page, §13.22) and nothing is written.
   */
  async grant(input: GrantRequest): Promise<Consent[]> {
    const now = this.clock.now();
    const asked = 'expiresAt' in input ? input.expiresAt : now + input.durationMs;
    const expiresAt = Math.min(asked, now + MAX_CONSENT_MS);
    return this.db.transaction().execute(async (trx) => {
      const granted: Consent[] = [];
      for (const usagePointId of input.usagePointIds) {
        const existing = await trx.selectFrom('consents').selectAll().where('applicationId', '=', input.applicationId).where('customerId', '=', input.customerId).where('usagePointId', '=', usagePointId).executeTakeFirst();
        if (existing) {
          if (input.refuseActive && isLive(existing, now)) throw new AlreadySharedError(usagePointId);
          // Renewing a live consent extends it, never shortens it (decision 26); a revoked or expired one starts again.
          const until = isLive(existing, now) ? Math.max(expiresAt, Number(existing.expiresAt)) : expiresAt;
          granted.push(await trx.updateTable('consents').set({ grantedAt: now, expiresAt: until, revokedAt: null, origin: input.origin }).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow());
        } else {
          granted.push(
            await trx.insertInto('consents').values({ applicationId: input.applicationId, customerId: input.customerId, usagePointId, grantedAt: now, expiresAt, revokedAt: null, origin: input.origin }).returningAll().executeTakeFirstOrThrow(),
          );
        }
      }
      return granted;
    });
  }

  /** The live consents of an application on a usage point (several customers may have consented over time). */
  async liveOn(applicationId: string, usagePointId: string): Promise<Consent[]> {
    const now = this.clock.now();
    return (await this.forPoint(applicationId, usagePointId)).filter((c) => isLive(c, now));
  }

  /** Every consent, live or ended, of an application on a usage point. */
  async onPoint(applicationId: string, usagePointId: string): Promise<Consent[]> {
    return this.forPoint(applicationId, usagePointId);
  }

  async byId(id: number): Promise<Consent | undefined> {
    return this.db.selectFrom('consents').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async ofCustomer(customerId: string): Promise<Consent[]> {
    return this.db.selectFrom('consents').selectAll().where('customerId', '=', customerId).orderBy('grantedAt', 'desc').execute();
  }

  async ofApplication(applicationId: string): Promise<Consent[]> {
    return this.db.selectFrom('consents').selectAll().where('applicationId', '=', applicationId).orderBy('id').execute();
  }

  /** Ends a consent at once; only its customer may. Returns whether anything changed. */
  async revoke(id: number, customerId: string): Promise<boolean> {
    const result = await this.db.updateTable('consents').set({ revokedAt: this.clock.now() }).where('id', '=', id).where('customerId', '=', customerId).where('revokedAt', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

export function isLive(consent: Pick<Consent, 'revokedAt' | 'expiresAt'>, now: number): boolean {
  return consent.revokedAt === null && Number(consent.expiresAt) > now;
}

/** When a consent ended or will end: its revocation, or else its expiry. */
export function endOf(consent: Pick<Consent, 'revokedAt' | 'expiresAt'>): number {
  return Number(consent.revokedAt ?? consent.expiresAt);
}
