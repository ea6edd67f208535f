import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quietLogger, runCli } from '../cli/run-cli-for-tests.js';

const run = (args: string[]) => runCli(args, quietLogger);

function kaggleDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'validate-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const BUREAU_HEADER =
  'SK_ID_CURR,SK_ID_BUREAU,CREDIT_ACTIVE,CREDIT_CURRENCY,DAYS_CREDIT,CREDIT_DAY_OVERDUE,DAYS_CREDIT_ENDDATE,DAYS_ENDDATE_FACT,AMT_CREDIT_MAX_OVERDUE,CNT_CREDIT_PROLONG,AMT_CREDIT_SUM,AMT_CREDIT_SUM_DEBT,AMT_CREDIT_SUM_LIMIT,AMT_CREDIT_SUM_OVERDUE,CREDIT_TYPE,DAYS_CREDIT_UPDATE,AMT_ANNUITY';
const bureauRow = (curr: number, id: number, daysCredit: string, amount: string) =>
  `${curr},${id},Closed,currency 1,${daysCredit},0,-153.0,-153.0,,0,${amount},0.0,,0.0,Consumer credit,-131,`;

afterEach(() => {
  process.exitCode = undefined;
});

describe('credit data validate', () => {
  it('exits 0 with warnings only, and prints the summary table', async () => {
    const dir = kaggleDir({
      'bureau.csv': `${BUREAU_HEADER}\n${bureauRow(1, 10, '-5', '-3.5')}\n${bureauRow(1, 11, '365243', '9')}\n`,
      'bureau_balance.csv': 'SK_ID_BUREAU,MONTHS_BALANCE,STATUS\n10,0,C\n99,-1,X\n',
    });
    const { code, out } = await run(['data', 'validate', '--data', dir]);
    expect(code).toBe(0);
    expect(out).toMatch(/warning bureau\.csv, column AMT_CREDIT_SUM: 1 negative amounts: line 2 \(-3\.5\)/);
    expect(out).toMatch(/warning bureau_balance\.csv, column SK_ID_BUREAU: 1 ids not found .*line 3 \(99\)/);
    expect(out).toMatch(/bureau\.csv\s+2\s+[\d.]+\s+0\s+1/);
    expect(out).toMatch(/0 error\(s\), 2 warning\(s\)/);
  });

  it('exits 1 on errors: duplicate key, bad number, bad header, each named with file, line and column', async () => {
    const dir = kaggleDir({
      'bureau.csv': `${BUREAU_HEADER}\n${bureauRow(1, 10, '-5', '1')}\n${bureauRow(1, 10, 'abc', '2')}\n`,
      'bureau_balance.csv': 'SK_ID_BUREAU,STATUS\n10,C\n',
    });
    const { code, out, err } = await run(['data', 'validate', '--data', dir, '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(out) as {
      errors: number;
      issues: { kind: string; column?: string; examples: { line: number }[] }[];
    };
    const kinds = report.issues.map((i) => `${i.kind}:${i.column ?? ''}:${i.examples[0]?.line}`).sort();
    expect(kinds).toEqual(['duplicate-key:SK_ID_BUREAU:3', 'file::1', 'unparseable:DAYS_CREDIT:3']);
    expect(err).toMatch(/3 error\(s\) in .*\[DATA_INVALID\]/);
  });

  it('refuses a directory that does not exist', async () => {
    const { code, err } = await run(['data', 'validate', '--data', '/nonexistent/kaggle']);
    expect(code).toBe(1);
    expect(err).toMatch(/no such directory.*\[DATA_DIR_MISSING\]/);
  });
});
