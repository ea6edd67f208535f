import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TrainingError } from '../errors.js';
import { parseSearchConfig } from './search-config.js';

const valid = {
  strategy: 'random',
  trials: 4,
  seed: 3,
  space: {
    hiddenLayers: [[8], [16, 4]],
    learningRate: { min: 1e-4, max: 1e-2, log: true },
    dropout: [0, 0.2],
  },
};
const parse = (value: unknown) =>
  parseSearchConfig(JSON.stringify(value, null, 2), 'experiments/configs/x.json');
const messageOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(TrainingError);
    return (error as Error).message;
  }
  throw new Error('expected an error');
};

describe('parseSearchConfig', () => {
  it('accepts a valid file and fills defaults', () => {
    const c = parse(valid);
    expect(c.strategy).toBe('random');
    expect(c.base).toEqual({});
    expect(c.space.learningRate).toEqual({ min: 1e-4, max: 1e-2, log: true });
    expect(parse({ ...valid, seed: undefined }).seed).toBe(42);
  });

  it('names the file and the key of each mistake', () => {
    const m = messageOf(() =>
      parse({ ...valid, space: { ...valid.space, dropout: [1.5], batchSize: [0], epoks: [3] } }),
    );
    expect(m).toContain('experiments/configs/x.json');
    expect(m).toMatch(/space\.dropout: dropout values must be in \[0, 1\)/);
    expect(m).toMatch(/space\.batchSize\.0:/);
    expect(m).toMatch(/epoks/);
  });

  it('requires trials for random search and lists (not ranges) for grid search', () => {
    expect(messageOf(() => parse({ ...valid, trials: undefined }))).toMatch(
      /trials: random search needs "trials"/,
    );
    expect(messageOf(() => parse({ ...valid, strategy: 'grid' }))).toMatch(
      /space\.learningRate: grid search needs a list/,
    );
    expect(messageOf(() => parse({ ...valid, strategy: 'bayes' }))).toMatch(/strategy:/);
    expect(messageOf(() => parse({ ...valid, space: {} }))).toMatch(/space: declare at least one/);
    expect(messageOf(() => parse({ ...valid, space: { learningRate: { min: 0.1, max: 0.01 } } }))).toMatch(
      /space\.learningRate.*min must be <= max/s,
    );
  });

  it('gives the line and column of a JSON syntax error', () => {
    const m = messageOf(() => parseSearchConfig('{\n  "strategy": "grid",\n  "space": {,}\n}', 'bad.json'));
    expect(m).toMatch(/^bad\.json line 3 column \d+: not valid JSON/);
  });
});

describe('the shipped search configs', () => {
  const dir = join(import.meta.dirname, '..', '..', '..', 'experiments', 'configs');
  it.each(readdirSync(dir).filter((f) => f.endsWith('.json')))('%s is valid', (file) => {
    const c = parseSearchConfig(readFileSync(join(dir, file), 'utf8'), file);
    expect(Object.keys(c.space).length).toBeGreaterThan(0);
  });
});
