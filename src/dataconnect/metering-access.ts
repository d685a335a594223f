import { Consents, endOf, isLive, type Consent } from '../consent/consents.ts';
import { SANDBOX_PROFILES } from '../demo/sandbox.ts';
import type { Identity } from '../gateway/gateway.ts';
import { contractInForce } from '../grid/contracts.ts';
import { GridReads } from '../grid/grid.reads.ts';
import { GridStore, type Contract } from '../grid/grid.store.ts';
import { isPrm } from '../grid/usage-point.ts';
import type { CustomerRow, UsagePointRow } from '../grid/grid.tables.ts';
import type { DayReadings } from '../metering/day-readings.ts';
import { ReadingsStore } from '../metering/readings.store.ts';
import type { SeriesDef } from '../metering/series.ts';
import type { ChangeCounters } from '../platform/db/change-counters.ts';
import type { Database } from '../platform/db/database.ts';
import { addMonths, parseIsoDate, type DayNumber } from '../platform/time/local-day.ts';
import type { Clock } from '../platform/time/clock.ts';
import type { TimeZone } from '../platform/time/zone.ts';
import { DataConnectError } from './errors.ts';
import { storedDaysFor } from './metering/request.ts';

/** The request's parameters as each generation names them, so that messages name what the client sent. */
export interface ParameterNames {
  usagePoint: string;
  start: string;
  end: string;
}
export const V5_NAMES: ParameterNames = { usagePoint: 'usage_point_id', start: 'start', end: 'end' };
export const V2_NAMES: ParameterNames = { usagePoint: 'pointId', start: 'dateDebut', end: 'dateFin' };

export interface MeteringRequest {
  usagePointId: unknown;
  start: unknown;
  end: unknown;
}

export interface AllowedRead {
  point: UsagePointRow;
  series: SeriesDef;
  startDay: DayNumber;
  endDay: DayNumber;
  days: DayReadings[];
  /** The consent that allows the read: its id for the audit log, or the sandbox's standing consent. */
  basis: string;
}

/** What a customer-data call (v3/v5 customers, 2026 contract APIs) may show: the point and its holder, who is the consenting customer. */
export interface AllowedCustomerRead {
  point: UsagePointRow;
  /** The contract in force today, held by the consenting customer. */
  contract: Contract;
  customer: CustomerRow;
  basis: string;
}

/** How far back a read may go, counted from today (§5, decision 8). */
function historyStart(series: SeriesDef, today: DayNumber): DayNumber {
  return addMonths(today, series.kind === 'curve' ? -24 : -36) - 15;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// The 2026 sandbox PRMs have no fake customer on the v1 page; every profile has consented from the start except 8, which revoked at once.
const SANDBOX_CONSENTED = new Set(SANDBOX_PROFILES.filter((p) => p.stateDigit !== 8).flatMap((p) => p.usagePointIds));

/**
 * Who may read what, for every generation of the metering API: parameters,
 * then the rules, in the order of the error table (§13.27). Throws a
 * DataConnectError that the route renders in its own flavour.
 */
export class MeteringAccess {
  private readonly grid: GridStore;
  private readonly hot: GridReads;
  private readonly readings: ReadingsStore;
  private readonly consents: Consents;
  private readonly zone: TimeZone;
  private readonly clock: Clock;

  constructor(deps: { database: Database; zone: TimeZone; clock: Clock; consents?: Consents; changes?: ChangeCounters }) {
    this.grid = new GridStore(deps.database.db);
    this.hot = new GridReads(deps.database, deps.changes);
    this.readings = new ReadingsStore(deps.database);
    this.consents = deps.consents ?? new Consents(deps.database, deps.clock);
    this.zone = deps.zone;
    this.clock = deps.clock;
  }

  async read(identity: Identity, series: SeriesDef, request: MeteringRequest, names: ParameterNames): Promise<AllowedRead> {
    const { usagePointId, startDay, endDay } = this.parameters(request, names);
    const today = this.zone.dayOf(this.clock.now());
    if (startDay >= endDay) throw new DataConnectError('start_not_before_end');
    if (endDay > today) throw new DataConnectError('end_after_today');
    if (startDay < historyStart(series, today)) throw new DataConnectError('history_deadline');
    if (series.kind === 'curve' && endDay - startDay > 7) throw new DataConnectError('curve_over_7_days');

    const point = await this.hot.usagePoint(usagePointId);
    if (!point || point.energy !== 'electricity') throw new DataConnectError('no_consent');
    if (startDay < point.lastActivationDay) throw new DataConnectError('before_activation');
    const { basis } = await this.authorise(identity, point, today, startDay);
    if (series.kind === 'curve' && point.loadCurveCollection === 'opposed') throw new DataConnectError('curve_opposed', undefined, basis);
    if (point.direction !== 'both' && point.direction !== series.direction) throw new DataConnectError('wrong_direction', undefined, basis);

    const stored = storedDaysFor(series, startDay, endDay);
    const days = await this.readings.readDays(point.id, series.id, stored.startDay, stored.endDay);
    return { point, series, startDay, endDay, days, basis };
  }

  /**
   * The customer and contract data of a point (§6, §11.3): the same consent
   * and holder rules as a metering read, without a period. A point without
   * such data (`hasData` false: unknown, gas, or production-only for the v5
   * customers APIs) answers STM-ERR-0000019 before any consent is looked at
   * (decision 27). The data shown is the current holder's, who is the
   * consenting customer.
   */
  async readCustomer(identity: Identity, usagePointId: unknown, names: Pick<ParameterNames, 'usagePoint'>, hasData: (point: UsagePointRow) => boolean): Promise<AllowedCustomerRead> {
    const id = usagePointParameter(usagePointId, names);
    const point = await this.hot.usagePoint(id);
    if (!point || !hasData(point)) throw new DataConnectError('no_customer_data');
    const today = this.zone.dayOf(this.clock.now());
    const authorised = await this.authorise(identity, point, today);
    const contract = authorised.holder ?? contractInForce(await this.hot.contractsOf(point.id), today);
    const customer = contract && (await this.grid.customer(contract.customerId));
    if (!contract || !customer) throw new DataConnectError('no_customer_data');
    return { point, contract, customer, basis: authorised.basis };
  }

  private parameters(request: MeteringRequest, names: ParameterNames): { usagePointId: string; startDay: DayNumber; endDay: DayNumber } {
    const invalid = (en: string, fr: string) => new DataConnectError('invalid_request', { en, fr });
    const { start, end } = request;
    const usagePointId = usagePointParameter(request.usagePointId, names);
    const date = (value: unknown, name: string, label: string): DayNumber => {
      if (typeof value !== 'string' || value === '') throw invalid(`${label} date parameter is required`, `Le paramètre ${name} est obligatoire`);
      const day = ISO_DATE.test(value) ? parseIsoDate(value) : undefined;
      if (day === undefined) throw invalid(`${label} date parameter must be in the format YYYY-MM-DD`, `Le paramètre ${name} doit être au format AAAA-MM-JJ`);
      return day;
    };
    return { usagePointId, startDay: date(start, names.start, 'Start'), endDay: date(end, names.end, 'End') };
  }

  /**
   * The consent behind the read: a live consent of this application whose
   * customer still holds the point, and a read from `startDay` starts within
   * that customer's contract (a previous occupant's data is never shown).
   * Returns the consent for the audit log and, outside the sandbox, the
   * holder's contract it checked.
   */
  private async authorise(identity: Identity, point: UsagePointRow, today: DayNumber, startDay?: DayNumber): Promise<{ basis: string; holder?: Contract }> {
    if (identity.stage === 'sandbox') {
      if (!SANDBOX_CONSENTED.has(point.id)) throw new DataConnectError('no_consent');
      return { basis: 'sandbox' };
    }
    const contracts = await this.hot.contractsOf(point.id);
    const holder = contractInForce(contracts, today);
    const now = this.clock.now();
    const all = await this.consents.onPoint(identity.applicationId, point.id);
    let live: Consent[] = all.filter((c) => isLive(c, now));
    // A legacy per-customer token reads only what its own consent covers.
    const grant = identity.grant;
    if (grant) live = grant.usagePoints.includes(point.id) ? live.filter((c) => c.customerId === grant.customerId) : [];
    const consent = live.find((c) => c.customerId === holder?.customerId) ?? live[0];
    if (!consent) throw new DataConnectError('no_consent', undefined, endedConsentBasis(all, holder?.customerId, now));
    const basis = `consent:${consent.id}`;
    const own = contracts.filter((c) => c.customerId === consent.customerId);
    const contractStart = own.length ? Math.min(...own.map((c) => c.startDay)) : undefined;
    // Only the holder's access log learns of the refusal: a former occupant's consent may still be live.
    const holderBasis = consent.customerId === holder?.customerId ? basis : undefined;
    if (contractStart !== undefined && startDay !== undefined && startDay < contractStart) throw new DataConnectError('before_contract', undefined, holderBasis);
    if (!holder || holder.customerId !== consent.customerId) throw new DataConnectError('not_owner');
    return { basis, holder };
  }
}

/**
 * The consent a refused call came after: the point holder's latest ended
 * consent to this application, so that the holder's access log shows the
 * attempt. Nobody else's: a former occupant does not learn of calls about
 * the point once they have left.
 */
function endedConsentBasis(consents: Consent[], holderId: string | undefined, now: number): string | undefined {
  if (holderId === undefined) return undefined;
  const ended = consents.filter((c) => c.customerId === holderId && !isLive(c, now)).sort((a, b) => endOf(b) - endOf(a))[0];
  return ended && `consent:${ended.id}`;
}

/** The usage point parameter, as every generation checks it: present, then 14 digits. */
function usagePointParameter(value: unknown, names: Pick<ParameterNames, 'usagePoint'>): string {
  if (typeof value !== 'string' || value === '') throw new DataConnectError('invalid_request', { en: `${names.usagePoint} parameter is required`, fr: `Le paramètre ${names.usagePoint} est obligatoire` });
  if (!isPrm(value)) throw new DataConnectError('invalid_request', { en: `${names.usagePoint} parameter must be 14 digits long`, fr: `Le paramètre ${names.usagePoint} doit contenir 14 chiffres` });
  return value;
}
