import { describe, expect, it } from '@jest/globals';
import type { ScoringModel } from '../deps.js';
import { createKnownClientAnswers } from './known-client-answers.js';

const model = (version: string) => ({ version }) as unknown as ScoringModel;

describe('known client answers', () => {
  it('computes an answer once per model and client', () => {
    const answers = createKnownClientAnswers<string>(10);
    const m = model('v1');
    let computed = 0;
    const compute = () => `answer ${++computed}`;
    expect(answers.get(m, 1, compute)).toBe('answer 1');
    expect(answers.get(m, 1, compute)).toBe('answer 1');
    expect(answers.get(m, 2, compute)).toBe('answer 2');
    expect(computed).toBe(2);
  });

  it('never serves an answer of the previous model after a reload', () => {
    const answers = createKnownClientAnswers<string>(10);
    const [v1, v2] = [model('v1'), model('v2')];
    answers.get(v1, 7, () => 'from v1');
    expect(answers.get(v2, 7, () => 'from v2')).toBe('from v2');
    expect(answers.get(v1, 7, () => 'recomputed')).toBe('from v1');
  });

  it('drops the least recently used answer when full', () => {
    const answers = createKnownClientAnswers<number>(2);
    const m = model('v1');
    answers.get(m, 1, () => 1);
    answers.get(m, 2, () => 2);
    answers.get(m, 1, () => -1); // 1 is now the most recently used
    answers.get(m, 3, () => 3); // evicts 2
    expect(answers.size(m)).toBe(2);
    expect(answers.get(m, 1, () => -1)).toBe(1);
    expect(answers.get(m, 2, () => 22)).toBe(22);
  });

  it('computes every time with capacity 0', () => {
    const answers = createKnownClientAnswers<number>(0);
    const m = model('v1');
    let n = 0;
    answers.get(m, 1, () => ++n);
    answers.get(m, 1, () => ++n);
    expect(n).toBe(2);
    expect(answers.size(m)).toBe(0);
  });
});
