import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { dayFromParts, formatIsoDate, parseIsoDate } from '../platform/time/local-day.ts';
import type { TimeZone } from '../platform/time/zone.ts';

/** Daily usage per application and API, from the audit log's counters. */
export interface UsageRow {
  date: string;
  applicationId: string;
  apiId: string;
  calls: number;
  refusals: number;
  errors: number;
  cost: number;
  averageUs: number;
  maxUs: number;
}

export interface StatementLine {
  applicationId: string;
  apiId: string;
  /** The plan of the subscription in force when the statement is made; null for calls served under a subscription ended since (not priced). */
  planId: string | null;
  calls: number;
  includedCalls: number;
  billableCalls: number;
  monthlyFeeCents: number;
  usageCents: number;
  totalCents: number;
}

export interface Statement {
  partnerId: string;
  month: string;
  lines: StatementLine[];
  totalCents: number;
}

export class UsageService {
  private readonly db: Kysely<Schema>;

  private readonly zone: TimeZone;

  constructor(db: Kysely<Schema>, zone: TimeZone) {
    this.db = db;
    this.zone = zone;
  }

  async daily(filter: { from: string; to: string; applicationId?: string; apiId?: string; partnerId?: string }): Promise<UsageRow[]> {
    const from = parseIsoDate(filter.from);
    const to = parseIsoDate(filter.to);
    if (from === undefined || to === undefined || from >= to) throw new AppError(400, 'invalid_range', 'give --from and --to as YYYY-MM-DD, from before to (to excluded)');
    let query = this.db.selectFrom('usageDaily as u').selectAll('u').where('u.day', '>=', from).where('u.day', '<', to);
    if (filter.applicationId) query = query.where('u.applicationId', '=', filter.applicationId);
    if (filter.apiId) query = query.where('u.apiId', '=', filter.apiId);
    if (filter.partnerId) query = query.where('u.applicationId', 'in', this.db.selectFrom('applications').select('id').where('partnerId', '=', filter.partnerId));
    const rows = await query.orderBy('u.day').orderBy('u.applicationId').orderBy('u.apiId').execute();
    return rows.map((r) => ({
      date: formatIsoDate(Number(r.day)), applicationId: r.applicationId, apiId: r.apiId, calls: Number(r.calls), refusals: Number(r.refusals), errors: Number(r.errors),
      cost: Number(r.cost), averageUs: Math.round(Number(r.durationUsTotal) / Math.max(1, Number(r.calls))), maxUs: Number(r.durationUsMax),
    }));
  }

  /**
   * A partner's monthly statement: for each subscription made before the
   * month's end, the plan's monthly fee (whole, whatever the day it began)
   * plus the calls served beyond the included ones at the plan's price per
   * thousand (rounded up to the cent). Refused calls and failures are not
   * billed. Plans are not kept in history: the plan in force when the
   * statement is made prices the whole month, and calls served under a
   * subscription ended since are listed without a plan or a price, for the
   * operator to settle.
   */
  async statement(partnerId: string, month: string): Promise<Statement> {
    const match = /^(\d{4})-(\d{2})$/.exec(month);
    if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) throw new AppError(400, 'invalid_month', `month "${month}" is not YYYY-MM`);
    const partner = await this.db.selectFrom('partners').select('id').where('id', '=', partnerId).executeTakeFirst();
    if (!partner) throw new AppError(404, 'unknown_partner', `no partner "${partnerId}"`);
    const first = dayFromParts(Number(match[1]), Number(match[2]), 1);
    const next = dayFromParts(Number(match[1]) + (match[2] === '12' ? 1 : 0), match[2] === '12' ? 1 : Number(match[2]) + 1, 1);
    const subscriptions = await this.db
      .selectFrom('subscriptions as s')
      .innerJoin('applications as a', 'a.id', 's.applicationId')
      .innerJoin('plans as p', 'p.id', 's.planId')
      .select(['s.applicationId', 's.apiId', 's.planId', 'p.monthlyFeeCents', 'p.pricePerThousandCallsCents', 'p.includedCalls'])
      .where('a.partnerId', '=', partnerId)
      .where('s.createdAt', '<', this.zone.localDay(next).startMs)
      .orderBy('s.applicationId')
      .orderBy('s.apiId')
      .execute();
    const usage = await this.db
      .selectFrom('usageDaily as u')
      .innerJoin('applications as a', 'a.id', 'u.applicationId')
      .select((eb) => ['u.applicationId', 'u.apiId', eb.fn.sum<number>('u.calls').as('calls'), eb.fn.sum<number>('u.refusals').as('refusals'), eb.fn.sum<number>('u.errors').as('errors')])
      .where('a.partnerId', '=', partnerId)
      .where('u.day', '>=', first)
      .where('u.day', '<', next)
      .groupBy(['u.applicationId', 'u.apiId'])
      .execute();
    const served = new Map(usage.map((u) => [`${u.applicationId}|${u.apiId}`, Number(u.calls) - Number(u.refusals) - Number(u.errors)]));
    const lines: StatementLine[] = subscriptions.map((s) => {
      const calls = served.get(`${s.applicationId}|${s.apiId}`) ?? 0;
      const includedCalls = Number(s.includedCalls);
      const billableCalls = Math.max(0, calls - includedCalls);
      const monthlyFeeCents = Number(s.monthlyFeeCents);
      const usageCents = Math.ceil((billableCalls * Number(s.pricePerThousandCallsCents)) / 1000);
      return { applicationId: s.applicationId, apiId: s.apiId, planId: s.planId, calls, includedCalls, billableCalls, monthlyFeeCents, usageCents, totalCents: monthlyFeeCents + usageCents };
    });
    const subscribed = new Set(subscriptions.map((s) => `${s.applicationId}|${s.apiId}`));
    for (const u of usage) {
      const calls = served.get(`${u.applicationId}|${u.apiId}`)!;
      if (calls > 0 && !subscribed.has(`${u.applicationId}|${u.apiId}`)) {
        lines.push({ applicationId: u.applicationId, apiId: u.apiId, planId: null, calls, includedCalls: 0, billableCalls: calls, monthlyFeeCents: 0, usageCents: 0, totalCents: 0 });
      }
    }
    return { partnerId, month, lines, totalCents: lines.reduce((sum, l) => sum + l.totalCents, 0) };
  }
}
