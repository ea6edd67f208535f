import { describe, expect, it } from '@jest/globals';
import { makeI18n } from './i18n.js';
import { riskAndThreshold } from './risk-and-threshold.js';

describe('risk and threshold in words', () => {
  it('keeps one decimal when they differ there', () => {
    expect(riskAndThreshold(makeI18n('en'), 0.523, 0.488)).toEqual({ p: '52.3%', t: '48.8%' });
  });
  it('adds decimals until a client just over the threshold reads above it', () => {
    expect(riskAndThreshold(makeI18n('en'), 0.48834, 0.48791)).toEqual({ p: '48.83%', t: '48.79%' });
    expect(riskAndThreshold(makeI18n('en'), 0.488312, 0.488291)).toEqual({ p: '48.831%', t: '48.829%' });
  });
  it('stops at three decimals, and uses the locale', () => {
    expect(riskAndThreshold(makeI18n('en'), 0.4883101, 0.4883099)).toEqual({ p: '48.831%', t: '48.831%' });
    expect(riskAndThreshold(makeI18n('fr'), 0.48834, 0.48791).p.replace(/\s/g, ' ')).toBe('48,83 %');
  });
});
