import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/platform/config.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'gridgate-config-'));
const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env, dir, Date.parse('2026-06-01T00:00:00Z'));
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
};

describe('configuration', () => {
  it('has working defaults: embedded database in ./.gridgate, Europe/Paris, port 8080', () => {
    const config = loadConfig({}, dir);
    expect(config).toMatchObject({ env: 'development', home: path.join(dir, '.gridgate'), databaseUrl: undefined, port: 8080, timeZone: 'Europe/Paris', testMode: false });
    expect(config.demo).toEqual({ seed: 'gridgate-demo', electricityPoints: 1000, gasPoints: 200, days: undefined });
  });

  it('reports every bad value at once, each with what to write instead', () => {
    const problems = problemsOf({ GRIDGATE_PORT: '99999', DATABASE_URL: 'mysql://x', GRIDGATE_TIMEZONE: 'Mars/Olympus', GRIDGATE_LOG_LEVEL: 'loud', GRIDGATE_TEST_MODE: 'perhaps', GRIDGATE_OPERATOR_API_KEY: 'short' });
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toContain('GRIDGATE_PORT="99999": expected a whole number between 0 and 65535');
    expect(problems.join('\n')).toContain('DATABASE_URL="mysql://x": expected a URL starting with postgres://');
    expect(problems.join('\n')).toContain('expected an IANA time zone such as Europe/Paris');
    expect(problems.join('\n')).toContain('at least 24 random characters');
  });

  it('refuses test mode in production and needs PostgreSQL there', () => {
    const problems = problemsOf({ GRIDGATE_ENV: 'production', GRIDGATE_TEST_MODE: 'true' });
    expect(problems.some((p) => p.includes('refused when GRIDGATE_ENV=production'))).toBe(true);
    expect(problems.some((p) => p.includes('needs DATABASE_URL'))).toBe(true);
  });

  it('reads GRIDGATE_NOW only in test mode, as an instant or a duration from now', () => {
    expect(problemsOf({ GRIDGATE_NOW: '2026-03-29T12:00:00+02:00' })[0]).toContain('only read in test mode');
    expect(loadConfig({ GRIDGATE_TEST_MODE: 'true', GRIDGATE_NOW: '2026-03-29T12:00:00+02:00' }, dir).now).toBe(Date.parse('2026-03-29T10:00:00Z'));
    expect(loadConfig({ GRIDGATE_TEST_MODE: 'true', GRIDGATE_NOW: '-P2D' }, dir, Date.parse('2026-06-03T00:00:00Z')).now).toBe(Date.parse('2026-06-01T00:00:00Z'));
    expect(problemsOf({ GRIDGATE_TEST_MODE: 'true', GRIDGATE_NOW: '2026-03-29 12:00' })[0]).toContain('expected an instant with its offset');
  });

  it('reads a JSON file, lets the environment win, and names unknown keys', () => {
    const file = path.join(dir, 'gridgate.json');
    writeFileSync(file, JSON.stringify({ port: 9090, logLevel: 'warn', demoPoints: 10 }));
    const config = loadConfig({ GRIDGATE_CONFIG: file, GRIDGATE_PORT: '9191' }, dir);
    expect(config).toMatchObject({ port: 9191, logLevel: 'warn' });
    expect(config.demo.electricityPoints).toBe(10);
    writeFileSync(file, JSON.stringify({ prot: 9090 }));
    expect(problemsOf({ GRIDGATE_CONFIG: file })[0]).toContain('unknown key "prot"');
    expect(problemsOf({ GRIDGATE_CONFIG: path.join(dir, 'missing.json') })[0]).toContain('file not found');
  });

  it('reads the Data Connect switches: Mesures V1 on with ISO dates and JSON labels by default', () => {
    expect(loadConfig({}, dir).dataConnect).toEqual({ mesuresV1: true, mesuresV1Dates: 'iso', octetStream: false });
    const file = path.join(dir, 'dataconnect.json');
    writeFileSync(file, JSON.stringify({ dataConnectMesuresV1Dates: 'v5', dataConnectOctetStream: true }));
    expect(loadConfig({ GRIDGATE_CONFIG: file, GRIDGATE_DC_MESURES_V1: 'off' }, dir).dataConnect).toEqual({ mesuresV1: false, mesuresV1Dates: 'v5', octetStream: true });
    expect(problemsOf({ GRIDGATE_DC_MESURES_V1_DATES: 'utc', GRIDGATE_DC_OCTET_STREAM: 'maybe' })).toEqual([
      'GRIDGATE_DC_MESURES_V1_DATES="utc": expected one of iso, v5',
      'GRIDGATE_DC_OCTET_STREAM="maybe": expected true or false',
    ]);
  });

  it('makes the CLI exit with code 2 and the list of problems', () => {
    const result = spawnSync(process.execPath, ['src/cli/main.ts', 'migrate'], { env: { ...process.env, GRIDGATE_HOME: dir, GRIDGATE_PORT: 'eighty' }, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('GRIDGATE_PORT="eighty"');
    expect(result.stderr).toContain('Fix the values above');
  });
});
