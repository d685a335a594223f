import { GatewayAdmin } from '../gateway/admin.service.ts';
import { AuditQueries, type AccessRecord } from '../gateway/audit.query.ts';
import { GridStore } from '../grid/grid.store.ts';
import type { CustomerRow, UsagePointRow } from '../grid/grid.tables.ts';
import type { Database } from '../platform/db/database.ts';
import type { Clock } from '../platform/time/clock.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { isLive, type Consent, type Consents } from './consents.ts';

export interface ConsentView {
  consent: Consent;
  applicationName: string;
  state: 'live' | 'revoked' | 'expired';
}

export interface CustomerOverview {
  customer: CustomerRow;
  points: UsagePointRow[];
  consents: ConsentView[];
  accessLog: AccessRecord[];
}

/** How many reads the access log shows. */
export const ACCESS_LOG_LENGTH = 100;

/** What the customer space shows and does: the customer's points, their consents (revocable in one click) and who read what under them. */
export class CustomerSpace {
  private readonly grid: GridStore;
  private readonly admin: GatewayAdmin;
  private readonly audit: AuditQueries;
  private readonly consents: Consents;
  private readonly zone: TimeZone;
  private readonly clock: Clock;

  constructor(deps: { database: Database; consents: Consents; zone: TimeZone; clock: Clock }) {
    this.grid = new GridStore(deps.database.db);
    this.admin = new GatewayAdmin(deps.database.db, () => deps.clock.now());
    this.audit = new AuditQueries(deps.database.db);
    this.consents = deps.consents;
    this.zone = deps.zone;
    this.clock = deps.clock;
  }

  async overview(customerId: string): Promise<CustomerOverview | undefined> {
    const customer = await this.grid.customer(customerId);
    if (!customer) return undefined;
    const now = this.clock.now();
    const points = await this.grid.pointsHeldBy(customerId, this.zone.dayOf(now));
    const consents = await this.consents.ofCustomer(customerId);
    const names = await this.admin.applicationNames(consents.map((c) => c.applicationId));
    const views = consents.map((consent): ConsentView => ({
      consent,
      applicationName: names.get(consent.applicationId) ?? consent.applicationId,
      state: consent.revokedAt !== null ? 'revoked' : isLive(consent, now) ? 'live' : 'expired',
    }));
    const accessLog = await this.audit.callsUnder(consents.map((c) => `consent:${c.id}`), ACCESS_LOG_LENGTH);
    return { customer, points, consents: views, accessLog };
  }

  /** Ends one of the customer's consents; the next call of the application is refused (ADAM-DC-0008). */
  async revoke(customerId: string, consentId: number): Promise<boolean> {
    return this.consents.revoke(consentId, customerId);
  }
}
