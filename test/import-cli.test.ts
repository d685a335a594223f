import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ReadingsStore } from '../src/metering/readings.store.ts';
import { insertImportNetwork } from './fixtures/import/network.ts';
import { contractEngines, createTestDatabase, type TestDatabase } from './support/engines.ts';

const run = promisify(execFile);
const root = path.join(import.meta.dirname, '..');
const fixture = (name: string) => path.join('test', 'fixtures', 'import', name);

describe.each(contractEngines())('gridgate import on %s', (engine) => {
  let test: TestDatabase;
  let home: string;
  afterEach(async () => {
    await test?.cleanup();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  /** Runs the real CLI on the test database; the parent's database settings must not leak in. */
  async function gridgate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: undefined, GRIDGATE_CONFIG: undefined, GRIDGATE_HOME: home, ...test.env };
    try {
      const { stdout, stderr } = await run(process.execPath, ['src/cli/main.ts', ...args], { cwd: root, env: env as NodeJS.ProcessEnv });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('imports a good file, then refuses a bad one with line, column and reason and writes nothing', async () => {
    test = await createTestDatabase(engine);
    home = mkdtempSync(path.join(tmpdir(), 'gridgate-cli-'));
    await insertImportNetwork(test.database);
    const store = new ReadingsStore(test.database);

    const good = await gridgate('import', fixture('good.csv'));
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^Imported test\/fixtures\/import\/good\.csv into .+ in \d+\.\d s: 7 day\(s\) written; 2 usage point\(s\), 104 value\(s\) from 102 line\(s\)\n$/);
    expect(good.stdout).toContain(test.database.engine === 'sqlite' ? test.env.GRIDGATE_HOME : '127.0.0.1');
    expect(await store.countRows()).toBe(7);

    const bad = await gridgate('import', fixture('bad.csv'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('gridgate: test/fixtures/import/bad.csv: 7 problem(s), nothing written:\n  line 3, column date: "25/10/2026" is not a date in YYYY-MM-DD form; write 2026-10-25\n');
    expect(bad.stderr).toContain('  line 6, column usage_point_id: unknown usage point 99999999999998');
    expect(bad.stderr.trimEnd()).toMatch(/Fix them and import the file again: a file is written whole or not at all\.$/);
    expect(await store.countRows()).toBe(7);

    const missing = await gridgate('import', fixture('missing.csv'));
    expect([missing.code, missing.stderr]).toEqual([1, 'gridgate: cannot read test/fixtures/import/missing.csv: no such file\n']);
  });
});
