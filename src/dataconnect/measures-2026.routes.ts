import type { FastifyInstance } from 'fastify';
import type { UsagePointRow } from '../grid/grid.tables.ts';
import { S, type SeriesDef } from '../metering/series.ts';
import type { DataConnectSettings } from '../platform/config.ts';
import { sandboxMaxPowerAnswer } from './customers/sandbox-fixtures.ts';
import { JSON_UTF8, withTrailingSlash } from './dataconnect.dialect.ts';
import { DataConnectError, renderDataConnectError } from './errors.ts';
import { V2_NAMES, V5_NAMES } from './metering-access.ts';
import { meteringRoutes, v5Query, type MeteringDeps, type MeteringGeneration, type MeteringResource, type Query } from './metering.routes.ts';
import { monthlyMaxima } from './metering/monthly-max-power.ts';
import type { MeteringAnswer } from './metering/request.ts';
import { renderMesuresV1 } from './metering/mesures-v1.ts';
import { renderV2 } from './metering/v2.ts';

/**
 * The 2026 measure APIs (`dataconnect-2026`, operation
 * `mesure_synchrone_auto`): v2 (§11.2), the primary one, and Mesures V1
 * (§11.4, decisions 16 and 17), both on the paths with and without a
 * trailing slash (decision 13).
 */

const OPERATION = 'mesure_synchrone_auto';
const V2_BASE = '/mesure_synchrone_auto/v2';
export const V1_BASE = '/mesure_synchrone_auto/v1/metering_data';

export const V2_RESOURCES: MeteringResource[] = [
  { path: `${V2_BASE}/consommation_quotidienne`, series: S.daily_consumption, operation: OPERATION },
  { path: `${V2_BASE}/production_quotidienne`, series: S.daily_production, operation: OPERATION },
  { path: `${V2_BASE}/courbe_de_charge_consommation`, series: S.consumption_load_curve, operation: OPERATION },
  { path: `${V2_BASE}/courbe_de_charge_production`, series: S.production_load_curve, operation: OPERATION },
  { path: `${V2_BASE}/puissance_conso_max_quotidienne`, series: S.daily_consumption_max_power, operation: OPERATION },
  { path: `${V2_BASE}/index_consommation`, series: S.consumption_index, operation: OPERATION },
  { path: `${V2_BASE}/index_production`, series: S.production_index, operation: OPERATION },
];

export const V1_RESOURCES: MeteringResource[] = [
  { path: `${V1_BASE}/daily_consumption`, series: S.daily_consumption, operation: OPERATION },
  { path: `${V1_BASE}/consumption_load_curve`, series: S.consumption_load_curve, operation: OPERATION },
  { path: `${V1_BASE}/daily_production`, series: S.daily_production, operation: OPERATION },
  { path: `${V1_BASE}/production_load_curve`, series: S.production_load_curve, operation: OPERATION },
  { path: `${V1_BASE}/daily_consumption_max_power`, series: S.daily_consumption_max_power, operation: OPERATION },
];

/** V1 index resources: no real shape is known, so they are not served (decision 16). */
export const V1_UNSERVED_PATHS: string[] = [`${V1_BASE}/index_consumption`, `${V1_BASE}/index_production`];

export interface MaxPowerOptions {
  measuringPeriod: 'P1D' | 'P1M';
  grandeurPhysique: 'PMA' | 'TOUT';
}

/**
 * Max power's own parameters: the step (`measuring_period` in V1,
 * `mesuresPas` in v2) and `grandeurPhysique`. v2 requires both (Swagger);
 * V1 defaults them to `P1D` and `PMA` (decision 16). `P1M` gives the
 * monthly maxima, taken from the daily ones (monthly-max-power.ts).
 */
function maxPowerOptions(query: Query, period: string, required: boolean): MaxPowerOptions {
  const invalid = (en: string, fr: string) => new DataConnectError('invalid_request', { en, fr });
  const pick = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = query[name];
    if (value === undefined || value === '') {
      if (required) throw invalid(`${name} parameter is required`, `Le paramètre ${name} est obligatoire`);
      return fallback;
    }
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      throw invalid(`${name} parameter must be ${allowed.join(' or ')}`, `Le paramètre ${name} doit valoir ${allowed.join(' ou ')}`);
    }
    return value as T;
  };
  const measuringPeriod = pick(period, ['P1D', 'P1M'] as const, 'P1D');
  const grandeurPhysique = pick('grandeurPhysique', ['PMA', 'TOUT'] as const, 'PMA');
  return { measuringPeriod, grandeurPhysique };
}

const optionsFor = (period: string, required: boolean) => (query: Query, series: SeriesDef): MaxPowerOptions | undefined =>
  series.kind === 'max_power' ? maxPowerOptions(query, period, required) : undefined;

/**
 * `TOUT` on a three-phase point: the four-entry shape of decision 17. The
 * store keeps the single-phase-equivalent maximum (PMA) only, so the three
 * phases come empty: no v2 point, `"null"` in the V1 arrays. A single-phase
 * point answers `TOUT` exactly like `PMA`.
 */
function phasesOf(point: UsagePointRow, options: MaxPowerOptions | undefined) {
  return options?.grandeurPhysique === 'TOUT' && point.phaseCount === 3 ? ([[], [], []] as const) : undefined;
}

/** The days a max-power answer shows: as stored at `P1D`, the monthly maxima at `P1M`. */
function perPeriod(answer: MeteringAnswer, options: MaxPowerOptions | undefined): MeteringAnswer {
  return options?.measuringPeriod === 'P1M' ? monthlyMaxima(answer) : answer;
}

export const V2_GENERATION: MeteringGeneration<MaxPowerOptions | undefined> = {
  flavour: 'v2',
  names: V2_NAMES,
  read: (query) => ({ usagePointId: query.pointId, start: query.dateDebut, end: query.dateFin }),
  options: optionsFor('mesuresPas', true),
  render: (answer, { point, options }) => renderV2(perPeriod(answer, options), { phases: phasesOf(point, options), maxPowerPeriod: options?.measuringPeriod }),
};

export function mesuresV1Generation(settings: Pick<DataConnectSettings, 'mesuresV1Dates'>): MeteringGeneration<MaxPowerOptions | undefined> {
  return {
    flavour: 'mesures_v1',
    names: V5_NAMES,
    read: v5Query,
    options: optionsFor('measuring_period', false),
    // The sandbox's two recorded max-power answers, for the very request they answered (decision 21).
    replay: (identity, request, options, series) => {
      if (identity.stage !== 'sandbox' || series.kind !== 'max_power' || !options) return undefined;
      const { usagePointId, start, end } = request;
      if (typeof usagePointId !== 'string' || typeof start !== 'string' || typeof end !== 'string') return undefined;
      return sandboxMaxPowerAnswer({ usagePointId, start, end, ...options })?.bytes;
    },
    // Sandbox applications see missing values as "null" items, like the sandbox's payloads (decisions 17 and 21).
    render: (answer, { identity, point, options }) =>
      renderMesuresV1(perPeriod(answer, options), { dates: settings.mesuresV1Dates, nullItems: identity.stage === 'sandbox', phases: phasesOf(point, options), maxPowerPeriod: options?.measuringPeriod }),
  };
}

/** v2 always; Mesures V1 unless the deployment withdrew it. */
export function measures2026Routes(deps: MeteringDeps, settings: DataConnectSettings) {
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(meteringRoutes(deps, V2_RESOURCES, V2_GENERATION, withTrailingSlash));
    if (settings.mesuresV1) await app.register(meteringRoutes(deps, V1_RESOURCES, mesuresV1Generation(settings), withTrailingSlash));
  };
}

/**
 * Paths the gateway does not serve, answered outside any API scope as the
 * gateway answers an unknown resource: 404 with its body, whoever calls.
 * Mesures V1 when withdrawn (decision 16), and its index resources always.
 */
export function unservedMeasureRoutes(settings: DataConnectSettings) {
  return async (app: FastifyInstance): Promise<void> => {
    const paths = [...V1_UNSERVED_PATHS, ...(settings.mesuresV1 ? [] : V1_RESOURCES.map((r) => r.path))];
    const rendered = renderDataConnectError('not_found', 'v5');
    for (const path of paths.flatMap(withTrailingSlash)) app.get(path, async (_request, reply) => reply.code(rendered.status).type(JSON_UTF8).send(rendered.body));
  };
}
