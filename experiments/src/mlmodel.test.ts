import { minimalMlmodel } from './mlmodel.js';

describe('minimalMlmodel', () => {
  it('declares the flavor and a signature with the manifest features as inputs', () => {
    const text = minimalMlmodel({
      runId: 'abc',
      features: ['EXT_SOURCE_2', "O'NEIL"],
      createdAt: new Date(0),
    });
    expect(text).toContain('artifact_path: model\nflavors:\n  credit_scoring_tfjs:');
    expect(text).toContain('run_id: abc');
    const inputs = /inputs: '(.*)'\n/.exec(text)![1]!.replace(/''/g, "'");
    expect(JSON.parse(inputs).map((c: { name: string }) => c.name)).toEqual(['EXT_SOURCE_2', "O'NEIL"]);
    expect(text).toContain("utc_time_created: '1970-01-01 00:00:00.000'");
    expect(minimalMlmodel({ runId: 'abc' })).not.toContain('signature');
  });
});
