import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './load.js';

function rootWith(config?: unknown): string {
  const root = mkdtempSync(join(tmpdir(), 'credit-config-'));
  if (config !== undefined) writeFileSync(join(root, 'credit.config.json'), JSON.stringify(config));
  return root;
}

describe('loadConfig', () => {
  it('gives the documented defaults with no file, environment or flags', () => {
    const config = loadConfig({ root: rootWith(), env: {} });
    expect(config.training.costFalseNegative).toBe(10);
    expect(config.training.costFalsePositive).toBe(1);
    expect(config.training.folds).toBe(3);
    expect(config.serve.port).toBe(8080);
    expect(config.tracking.uri).toBeUndefined();
    expect(config.store.databaseUrl).toBeUndefined();
    expect(config.features).toEqual({ derived: true, loanTerms: true }); // the main job adds both groups
  });

  it('turns an optional feature group off from the file, and rejects a value that is not a boolean', () => {
    expect(loadConfig({ root: rootWith({ features: { derived: false } }), env: {} }).features).toEqual({
      derived: false,
      loanTerms: true,
    });
    expect(loadConfig({ root: rootWith({ features: { loanTerms: false } }), env: {} }).features).toEqual({
      derived: true,
      loanTerms: false,
    });
    expect(() => loadConfig({ root: rootWith({ features: { derived: 'no' } }), env: {} })).toThrow(
      /features\.derived: .*boolean/,
    );
  });

  it('applies flags over environment over file over defaults', () => {
    const root = rootWith({ serve: { port: 7000, host: '0.0.0.0' }, training: { epochs: 5 } });
    const fileOnly = loadConfig({ root, env: {} });
    expect(fileOnly.serve).toEqual({ port: 7000, host: '0.0.0.0', pollSeconds: 30, workers: 1 });
    const withEnv = loadConfig({ root, env: { PORT: '7100', CREDIT_SERVE_WORKERS: '2' } });
    expect(withEnv.serve).toEqual({ port: 7100, host: '0.0.0.0', pollSeconds: 30, workers: 2 });
    const withFlags = loadConfig({ root, env: { PORT: '7100' }, flags: { serve: { port: 7200 } } });
    expect(withFlags.serve.port).toBe(7200);
    expect(withFlags.training.epochs).toBe(5);
    expect(withFlags.training.folds).toBe(3);
  });

  it('reads MLFLOW_TRACKING_URI and DATABASE_URL from the environment', () => {
    const config = loadConfig({
      root: rootWith(),
      env: { MLFLOW_TRACKING_URI: 'http://127.0.0.1:5000', DATABASE_URL: 'postgres://u@127.0.0.1/db' },
    });
    expect(config.tracking.uri).toBe('http://127.0.0.1:5000');
    expect(config.store.databaseUrl).toBe('postgres://u@127.0.0.1/db');
  });

  it('names the file and the key of a bad value', () => {
    const root = rootWith({ training: { folds: 1 } });
    expect(() => loadConfig({ root, env: {} })).toThrow(/credit\.config\.json: training\.folds: .*>=2/);
  });

  it('names an unknown key instead of ignoring it', () => {
    const root = rootWith({ training: { epoch: 3 } });
    expect(() => loadConfig({ root, env: {} })).toThrow(/training: unknown key\(s\) epoch/);
  });

  it('names the environment variable that is not a number', () => {
    expect(() => loadConfig({ root: rootWith(), env: { PORT: 'eighty' } })).toThrow(
      /environment variable PORT: expected a number, got "eighty"/,
    );
  });

  it('says when the config file is not JSON', () => {
    const root = mkdtempSync(join(tmpdir(), 'credit-config-'));
    writeFileSync(join(root, 'credit.config.json'), '{ "serve": ');
    expect(() => loadConfig({ root, env: {} })).toThrow(/credit\.config\.json is not valid JSON/);
  });
});
