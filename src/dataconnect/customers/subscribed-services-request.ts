import { isPrm } from '../../grid/usage-point.ts';
import { parseIsoDate } from '../../platform/time/local-day.ts';
import { DataConnectError } from '../errors.ts';

/**
 * The body of `POST /subscribed_services/v1` (Services-souscrits.yaml), read
 * as leniently as the clients of §11.1 write it (§13 decision 22):
 * `autorisationId` as a JSON integer or a string of digits, list criteria as
 * an array or a single string. Anything else is a 400.
 */

export const SERVICE_STATES = ['DEMANDE', 'ACTIF', 'TERMINE', 'SUPPRIME'] as const;
export const SERVICE_CODES = ['ACCES', 'CCDC', 'TRANSREC', 'OPPENR'] as const;
export const MEASURE_TYPES = ['CDC', 'PMAX', 'IDX', 'ENERGIE', 'ITC'] as const;

export type ServiceState = (typeof SERVICE_STATES)[number];
export type ServiceCode = (typeof SERVICE_CODES)[number];
export type MeasureType = (typeof MEASURE_TYPES)[number];

export interface SubscribedServicesQuery {
  autorisationId?: number;
  pointIds?: string[];
  sirens?: string[];
  /** `YYYY-MM-DD`: services starting on or after it. */
  dateDebut?: string;
  /** `YYYY-MM-DD`: services ending on or after it. */
  dateFin?: string;
  /** Default `ACTIF`, `DEMANDE`. */
  etatCodes: ServiceState[];
  /** Default `ACCES`. */
  serviceType: ServiceCode;
  mesureTypeCodes?: MeasureType[];
  /** Only withdrawal (consumption) services; with `injection` too, services of either side. */
  soutirage: boolean;
  injection: boolean;
  /** `true`: only services that come from an authorisation; `false`: only the others. */
  autorisation?: boolean;
  /** From 1; 0 is read as 1 too. */
  page: number;
  /** Only the count. */
  comptage: boolean;
}

/** A malformed body: 400 `{"code": "invalid_request", "message": …}` (French, like the 2026 gateway). */
export class SubscribedServicesRequestError extends DataConnectError {
  readonly body: { code: 'invalid_request'; message: string };

  constructor(en: string, fr: string) {
    super('invalid_request', { en, fr });
    this.body = { code: 'invalid_request', message: fr };
  }
}

const DEFAULT_STATES: ServiceState[] = ['ACTIF', 'DEMANDE'];
const DIGITS = /^\d+$/;
const SIREN = /^\d{9}$/;

/** Takes the parsed JSON body, or its text when the client did not label it as JSON. */
export function parseSubscribedServicesRequest(body: unknown): SubscribedServicesQuery {
  let value = body;
  if (typeof value === 'string' || Buffer.isBuffer(value)) {
    try {
      value = JSON.parse(String(value)) as unknown;
    } catch {
      throw new SubscribedServicesRequestError('The request body is not valid JSON', "Le corps de la requête n'est pas un JSON valide");
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SubscribedServicesRequestError('The request body must be a JSON object', 'Le corps de la requête doit être un objet JSON');
  }
  const fields = value as Record<string, unknown>;
  const autorisationId = integer(fields, 'autorisationId');
  const pointIds = strings(fields, 'pointId', isPrm, 'a usage point id of 14 digits', 'un identifiant de point de 14 chiffres');
  const sirens = strings(fields, 'siren', (s) => SIREN.test(s), 'a SIREN of 9 digits', 'un SIREN de 9 chiffres');
  if (autorisationId === undefined && !pointIds?.length && !sirens?.length) {
    throw new SubscribedServicesRequestError('autorisationId, pointId or siren is required', 'Le paramètre autorisationId, pointId ou siren est obligatoire');
  }
  const etatCodes = strings(fields, 'etatCode', (s) => (SERVICE_STATES as readonly string[]).includes(s), SERVICE_STATES.join(', '), SERVICE_STATES.join(', ')) as ServiceState[] | undefined;
  const serviceTypes = strings(fields, 'serviceType', (s) => (SERVICE_CODES as readonly string[]).includes(s), SERVICE_CODES.join(', '), SERVICE_CODES.join(', ')) as ServiceCode[] | undefined;
  if (serviceTypes && serviceTypes.length > 1) {
    throw new SubscribedServicesRequestError('serviceType takes a single value', "Le paramètre serviceType ne prend qu'une valeur");
  }
  const mesureTypeCodes = strings(fields, 'mesureTypeCode', (s) => (MEASURE_TYPES as readonly string[]).includes(s), MEASURE_TYPES.join(', '), MEASURE_TYPES.join(', ')) as MeasureType[] | undefined;
  const dateDebut = date(fields, 'dateDebut');
  const dateFin = date(fields, 'dateFin');
  const autorisation = boolean(fields, 'autorisation');
  return {
    ...(autorisationId !== undefined && { autorisationId }),
    ...(pointIds?.length && { pointIds }),
    ...(sirens?.length && { sirens }),
    ...(dateDebut !== undefined && { dateDebut }),
    ...(dateFin !== undefined && { dateFin }),
    etatCodes: etatCodes?.length ? etatCodes : DEFAULT_STATES,
    serviceType: serviceTypes?.[0] ?? 'ACCES',
    ...(mesureTypeCodes?.length && { mesureTypeCodes }),
    soutirage: boolean(fields, 'soutirage') ?? false,
    injection: boolean(fields, 'injection') ?? false,
    ...(autorisation !== undefined && { autorisation }),
    page: Math.max(1, integer(fields, 'page') ?? 1),
    // Required by the Swagger, but every client sends it; its absence is read as `false`, the full answer.
    comptage: boolean(fields, 'comptage') ?? false,
  };
}

/** A non-negative safe integer, as a JSON number or a string of digits; absent stays undefined, anything else (null included) is refused. */
function integer(fields: Record<string, unknown>, name: string): number | undefined {
  const raw = fields[name];
  if (raw === undefined) return undefined;
  const parsed = typeof raw === 'number' ? raw : typeof raw === 'string' && DIGITS.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < 0) {
    throw new SubscribedServicesRequestError(`${name} must be an integer`, `Le paramètre ${name} doit être un entier`);
  }
  return parsed;
}

function boolean(fields: Record<string, unknown>, name: string): boolean | undefined {
  const raw = fields[name];
  if (raw === undefined) return undefined;
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  throw new SubscribedServicesRequestError(`${name} must be a boolean`, `Le paramètre ${name} doit être un booléen`);
}

/** An array of strings or a single string, each accepted by `valid`. */
function strings(fields: Record<string, unknown>, name: string, valid: (s: string) => boolean, en: string, fr: string): string[] | undefined {
  const raw = fields[name];
  if (raw === undefined) return undefined;
  const list = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(list) || !list.every((item): item is string => typeof item === 'string' && valid(item))) {
    throw new SubscribedServicesRequestError(`${name} must hold ${en}, as an array or a single string`, `Le paramètre ${name} doit contenir ${fr}, en liste ou en valeur unique`);
  }
  return list;
}

function date(fields: Record<string, unknown>, name: string): string | undefined {
  const raw = fields[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || parseIsoDate(raw) === undefined) {
    throw new SubscribedServicesRequestError(`${name} must be a date YYYY-MM-DD`, `Le paramètre ${name} doit être une date au format AAAA-MM-JJ`);
  }
  return raw;
}
