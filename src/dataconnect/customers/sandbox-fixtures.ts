import { readFileSync } from 'node:fs';
import { answerFromServices, type ServiceSouscrit, type SubscribedServicesAnswer } from './subscribed-services.ts';
import type { SubscribedServicesQuery } from './subscribed-services-request.ts';

/**
 * The 2026 sandbox's recorded payloads (§11.5, §13 decision 21), replayed
 * byte for byte for applications in the sandbox state, whatever Gridgate's
 * own renderers would say; their replay ignores the history window. The
 * files live next to this module (see `fixtures/SOURCES.md`) and are read
 * once, when the module loads, so a missing file stops the start.
 */

export interface FixtureAnswer {
  /** The file the bytes come from, or `derived` for an answer computed from a file. */
  source: string;
  /** The exact bytes to send, with `Content-Type: application/json;charset=UTF-8` and status 200. */
  bytes: Buffer;
}

export type ItcApi = 'situation_contrat_auto' | 'synth_contrat_auto' | 'donnees_generales_auto' | 'comptage_auto' | 'alimentation_auto';

export const SANDBOX_ITC_PRMS: readonly string[] = ['99999999999999', '11111111111111', '14000000000001'];
export const SANDBOX_AUTORISATION_IDS: readonly number[] = [10, 11];

const FILES = [
  'situation-contrat-99999999999999.json',
  'situation-contrat-11111111111111.json',
  'situation-contrat-14000000000001.json',
  'synth-contrat.json',
  'donnees-generales.json',
  'alimentation.json',
  'dcmp-pma.json',
  'dcmp-tout.json',
  'subscribed-services-10.json',
  'subscribed-services-11.json',
] as const;

type FixtureFile = (typeof FILES)[number];

const BYTES = new Map<FixtureFile, Buffer>(FILES.map((file) => [file, readFileSync(new URL(`./fixtures/${file}`, import.meta.url))]));

function fixture(file: FixtureFile): FixtureAnswer {
  return { source: file, bytes: BYTES.get(file)! };
}

/**
 * The recorded answer of an ITC API for a sandbox PRM; undefined when there
 * is none (another PRM, `comptage_auto`, or `synth_contrat_auto` for
 * 11111111111111, which the sandbox client never recorded), in which case
 * the route renders synthetic data of the same form.
 */
export function sandboxItcAnswer(api: ItcApi, prm: string): FixtureAnswer | undefined {
  if (!SANDBOX_ITC_PRMS.includes(prm)) return undefined;
  switch (api) {
    case 'situation_contrat_auto':
      return fixture(`situation-contrat-${prm}.json` as FixtureFile);
    case 'synth_contrat_auto':
      return prm === '11111111111111' ? undefined : fixture('synth-contrat.json');
    case 'donnees_generales_auto':
      return fixture('donnees-generales.json');
    case 'alimentation_auto':
      return fixture('alimentation.json');
    case 'comptage_auto':
      return undefined;
  }
}

export interface MaxPowerRequest {
  usagePointId: string;
  /** `YYYY-MM-DD` as sent. */
  start: string;
  end: string;
  /** Decision 16's defaults apply before this call: `P1D` and `PMA`. */
  measuringPeriod: 'P1D' | 'P1M';
  grandeurPhysique: 'PMA' | 'TOUT';
}

const RECORDED_START = '2025-05-01';
const RECORDED_END = '2025-07-14';

/**
 * Mesures V1 `daily_consumption_max_power`: the two recorded answers, only
 * for the very request they answered (including the `"null"` day); every
 * other request gets synthetic data.
 */
export function sandboxMaxPowerAnswer(request: MaxPowerRequest): FixtureAnswer | undefined {
  if (request.start !== RECORDED_START || request.end !== RECORDED_END || request.measuringPeriod !== 'P1D') return undefined;
  if (request.usagePointId === '99999999999999' && request.grandeurPhysique === 'PMA') return fixture('dcmp-pma.json');
  if (request.usagePointId === '11111111111111' && request.grandeurPhysique === 'TOUT') return fixture('dcmp-tout.json');
  return undefined;
}

const SERVICES_11: readonly ServiceSouscrit[] = (JSON.parse(BYTES.get('subscribed-services-11.json')!.toString('utf8')) as SubscribedServicesAnswer).serviceSouscrit ?? [];

/**
 * `POST /subscribed_services/v1` for the sandbox's authorisations 10 and 11;
 * undefined for any other query. Authorisation 10 has no service and always
 * answers its file, `{"nbTotalServices": 0}` with no `serviceSouscrit`.
 * Authorisation 11 answers its file unchanged when the query keeps all five
 * services on the first page; `comptage: true` or a narrower query gets the
 * same services filtered and counted as Gridgate's own answers are.
 */
export function sandboxSubscribedServicesAnswer(query: SubscribedServicesQuery): FixtureAnswer | undefined {
  if (query.autorisationId === 10) return fixture('subscribed-services-10.json');
  if (query.autorisationId !== 11) return undefined;
  const answer = answerFromServices(query, SERVICES_11);
  if (!query.comptage && answer.serviceSouscrit?.length === SERVICES_11.length) return fixture('subscribed-services-11.json');
  return { source: 'derived', bytes: Buffer.from(JSON.stringify(answer), 'utf8') };
}
