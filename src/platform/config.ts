import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseNowSetting } from './time/clock.ts';

/**
 * Gridgate's configuration: environment variables (GRIDGATE_*, DATABASE_URL,
 * REDIS_URL) over an optional JSON file (GRIDGATE_CONFIG) over defaults.
 * Every bad value is reported at once, each with what to write instead.
 */
export interface Config {
  env: 'development' | 'production';
  home: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  host: string;
  port: number;
  publicUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  timeZone: string;
  testMode: boolean;
  /** Start instant of the clock in test mode (ms), undefined for the system clock. */
  now: number | undefined;
  operatorApiKey: string | undefined;
  demo: { seed: string; electricityPoints: number; gasPoints: number; days: number | undefined };
  /** Largest number of days a native API range may cover. */
  maxRangeDays: number;
  dataConnect: DataConnectSettings;
}

/** Deployment switches of the Data Connect channel (enedis-data-connect.md §13 decisions 16-18). */
export interface DataConnectSettings {
  /** Serve Mesures V1 (`/mesure_synchrone_auto/v1/metering_data/*`); off, its paths answer the gateway's 404 as after Enedis withdrew it. */
  mesuresV1: boolean;
  /** Mesures V1 dates: `iso` (`2025-05-01T04:12:00.000Z`, French wall clock) or `v5` (`2025-05-01 04:12:00`). */
  mesuresV1Dates: 'iso' | 'v5';
  /** Label the GET answers of the 2026 APIs `application/octet-stream`, as the live gateway does, instead of JSON. */
  octetStream: boolean;
}

export const DEFAULT_DATA_CONNECT_SETTINGS: DataConnectSettings = { mesuresV1: true, mesuresV1Dates: 'iso', octetStream: false };

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

type Source = Record<string, string | undefined>;

interface Field<T> {
  key: string;
  fileKey: string;
  parse: (raw: string) => T | { error: string };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function integer(min: number, max: number) {
  return (raw: string): number | { error: string } => {
    if (!/^\d+$/.test(raw)) return { error: `expected a whole number between ${min} and ${max}` };
    const n = Number(raw);
    return n >= min && n <= max ? n : { error: `expected a whole number between ${min} and ${max}` };
  };
}

function boolean(raw: string): boolean | { error: string } {
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off', ''].includes(raw.toLowerCase())) return false;
  return { error: 'expected true or false' };
}

function oneOf<T extends string>(values: readonly T[]) {
  return (raw: string): T | { error: string } =>
    (values as readonly string[]).includes(raw) ? (raw as T) : { error: `expected one of ${values.join(', ')}` };
}

function url(protocols: string[]) {
  return (raw: string): string | { error: string } => {
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) return { error: `expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` };
      return raw;
    } catch {
      return { error: `expected a URL such as ${protocols[0]}//user:password@127.0.0.1/dbname` };
    }
  };
}

function timeZoneName(raw: string): string | { error: string } {
  try {
    new Intl.DateTimeFormat('en', { timeZone: raw });
    return raw;
  } catch {
    return { error: 'expected an IANA time zone such as Europe/Paris' };
  }
}

const text = (raw: string): string => raw;

const FIELDS = {
  env: { key: 'GRIDGATE_ENV', fileKey: 'env', parse: oneOf(['development', 'production'] as const) },
  home: { key: 'GRIDGATE_HOME', fileKey: 'home', parse: text },
  databaseUrl: { key: 'DATABASE_URL', fileKey: 'databaseUrl', parse: url(['postgres:', 'postgresql:']) },
  redisUrl: { key: 'REDIS_URL', fileKey: 'redisUrl', parse: url(['redis:', 'rediss:']) },
  host: { key: 'GRIDGATE_HOST', fileKey: 'host', parse: text },
  port: { key: 'GRIDGATE_PORT', fileKey: 'port', parse: integer(0, 65535) },
  publicUrl: { key: 'GRIDGATE_PUBLIC_URL', fileKey: 'publicUrl', parse: url(['http:', 'https:']) },
  logLevel: { key: 'GRIDGATE_LOG_LEVEL', fileKey: 'logLevel', parse: oneOf(LOG_LEVELS) },
  timeZone: { key: 'GRIDGATE_TIMEZONE', fileKey: 'timeZone', parse: timeZoneName },
  testMode: { key: 'GRIDGATE_TEST_MODE', fileKey: 'testMode', parse: boolean },
  now: { key: 'GRIDGATE_NOW', fileKey: 'now', parse: text },
  operatorApiKey: { key: 'GRIDGATE_OPERATOR_API_KEY', fileKey: 'operatorApiKey', parse: text },
  demoSeed: { key: 'GRIDGATE_DEMO_SEED', fileKey: 'demoSeed', parse: text },
  demoPoints: { key: 'GRIDGATE_DEMO_POINTS', fileKey: 'demoPoints', parse: integer(0, 1_000_000) },
  demoGasPoints: { key: 'GRIDGATE_DEMO_GAS_POINTS', fileKey: 'demoGasPoints', parse: integer(0, 1_000_000) },
  demoDays: { key: 'GRIDGATE_DEMO_DAYS', fileKey: 'demoDays', parse: integer(1, 3_700) },
  maxRangeDays: { key: 'GRIDGATE_MAX_RANGE_DAYS', fileKey: 'maxRangeDays', parse: integer(1, 3_700) },
  dcMesuresV1: { key: 'GRIDGATE_DC_MESURES_V1', fileKey: 'dataConnectMesuresV1', parse: boolean },
  dcMesuresV1Dates: { key: 'GRIDGATE_DC_MESURES_V1_DATES', fileKey: 'dataConnectMesuresV1Dates', parse: oneOf(['iso', 'v5'] as const) },
  dcOctetStream: { key: 'GRIDGATE_DC_OCTET_STREAM', fileKey: 'dataConnectOctetStream', parse: boolean },
} satisfies Record<string, Field<unknown>>;

type Parsed = { [K in keyof typeof FIELDS]?: Exclude<ReturnType<(typeof FIELDS)[K]['parse']>, { error: string }> };

export const DEFAULT_DEMO_SEED = 'gridgate-demo';

/** Loads and validates the configuration; throws ConfigError listing every problem. */
export function loadConfig(env: Source = process.env, cwd = process.cwd(), realNow = Date.now()): Config {
  const problems: string[] = [];
  const file = readConfigFile(env.GRIDGATE_CONFIG, cwd, problems);
  const parsed: Parsed = {};
  for (const [name, field] of Object.entries(FIELDS) as [keyof typeof FIELDS, Field<unknown>][]) {
    const fromEnv = env[field.key];
    const fromFile = file[field.fileKey];
    const raw = fromEnv !== undefined && fromEnv !== '' ? fromEnv : fromFile !== undefined ? String(fromFile) : undefined;
    if (raw === undefined) continue;
    const value = field.parse(raw);
    if (typeof value === 'object' && value !== null && 'error' in value) {
      const where = fromEnv !== undefined && fromEnv !== '' ? field.key : `"${field.fileKey}" in ${env.GRIDGATE_CONFIG}`;
      problems.push(`${where}=${JSON.stringify(raw)}: ${value.error}`);
    } else {
      (parsed as Record<string, unknown>)[name] = value;
    }
  }

  const configEnv = parsed.env ?? 'development';
  const testMode = parsed.testMode ?? false;
  if (testMode && configEnv === 'production') {
    problems.push('GRIDGATE_TEST_MODE=true is refused when GRIDGATE_ENV=production: test mode lets anyone move the clock');
  }
  let now: number | undefined;
  if (parsed.now !== undefined) {
    if (!testMode) problems.push('GRIDGATE_NOW is only read in test mode: also set GRIDGATE_TEST_MODE=true, or remove GRIDGATE_NOW');
    const value = parseNowSetting(parsed.now, realNow);
    if (typeof value === 'string') problems.push(`GRIDGATE_NOW=${JSON.stringify(parsed.now)}: ${value}`);
    else now = value;
  }
  const operatorApiKey = parsed.operatorApiKey;
  if (operatorApiKey !== undefined && operatorApiKey.length < 24) {
    problems.push('GRIDGATE_OPERATOR_API_KEY: too short, use at least 24 random characters (e.g. `openssl rand -hex 24`)');
  }
  if (configEnv === 'production' && !parsed.databaseUrl) {
    problems.push('GRIDGATE_ENV=production needs DATABASE_URL (postgres://...): the embedded SQLite database is for a single host');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const host = parsed.host ?? '127.0.0.1';
  const port = parsed.port ?? 8080;
  return {
    env: configEnv,
    home: path.resolve(cwd, parsed.home ?? '.gridgate'),
    databaseUrl: parsed.databaseUrl,
    redisUrl: parsed.redisUrl,
    host,
    port,
    publicUrl: parsed.publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    logLevel: parsed.logLevel ?? 'info',
    timeZone: parsed.timeZone ?? 'Europe/Paris',
    testMode,
    now,
    operatorApiKey,
    demo: {
      seed: parsed.demoSeed ?? DEFAULT_DEMO_SEED,
      electricityPoints: parsed.demoPoints ?? 1000,
      gasPoints: parsed.demoGasPoints ?? 200,
      days: parsed.demoDays,
    },
    maxRangeDays: parsed.maxRangeDays ?? 366,
    dataConnect: {
      mesuresV1: parsed.dcMesuresV1 ?? DEFAULT_DATA_CONNECT_SETTINGS.mesuresV1,
      mesuresV1Dates: parsed.dcMesuresV1Dates ?? DEFAULT_DATA_CONNECT_SETTINGS.mesuresV1Dates,
      octetStream: parsed.dcOctetStream ?? DEFAULT_DATA_CONNECT_SETTINGS.octetStream,
    },
  };
}

function readConfigFile(file: string | undefined, cwd: string, problems: string[]): Record<string, unknown> {
  if (!file) return {};
  const fullPath = path.resolve(cwd, file);
  try {
    const parsed: unknown = JSON.parse(readFileSync(fullPath, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      problems.push(`GRIDGATE_CONFIG=${file}: the file must hold a JSON object such as {"port": 8080}`);
      return {};
    }
    const known = new Set(Object.values(FIELDS).map((f) => f.fileKey));
    for (const key of Object.keys(parsed)) {
      if (!known.has(key)) problems.push(`GRIDGATE_CONFIG=${file}: unknown key "${key}" (known keys: ${[...known].join(', ')})`);
    }
    return parsed as Record<string, unknown>;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    problems.push(`GRIDGATE_CONFIG=${file}: ${reason}`);
    return {};
  }
}
