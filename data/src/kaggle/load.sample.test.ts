import { join } from 'node:path';
import { loadColumnDictionary } from './dictionary.js';
import { CodedColumn } from './coded-column.js';
import { loadKaggleDir, loadKaggleTable } from './load.js';
import { sharedSampleDir } from './sample-dir.js';

const { dir, present } = sharedSampleDir();
if (!present && process.env.CI === 'true')
  throw new Error(`CI=true but the real sample is missing at ${dir}`);
const describeSample = present ? describe : describe.skip;
if (!present) console.warn(`SKIPPED real-sample loader tests: ${dir} not found`);

describeSample('loading the real Home Credit sample', () => {
  it('loads all eight tables with the row counts of the sample README', async () => {
    const tables = await loadKaggleDir(dir);
    const counts = Object.fromEntries(Object.entries(tables).map(([k, t]) => [k, t.numRows()]));
    expect(counts).toEqual({
      application_train: 44782,
      application_test: 48744,
      bureau: 71819,
      bureau_balance: 421917,
      previous_application: 16235,
      POS_CASH_balance: 22373,
      installments_payments: 27766,
      credit_card_balance: 104717,
    });
    const train = tables.application_train!;
    expect(train.column('SK_ID_CURR')?.at(0)).toBe(100014);
    expect(train.column('NAME_TYPE_SUITE')?.at(0)).toBe('Unaccompanied');
    expect(train.column('REGION_POPULATION_RELATIVE')?.at(0)).toBe(0.0228);
    // Typed storage, NaN for an empty cell (OWN_CAR_AGE is empty in the first row).
    expect(train.column('AMT_CREDIT')).toBeInstanceOf(Float64Array);
    expect(train.column('CODE_GENDER')).toBeInstanceOf(CodedColumn);
    expect(Number.isNaN(train.column('OWN_CAR_AGE')?.at(0))).toBe(true);
    const target = train.array('TARGET') as ArrayLike<number>;
    let ones = 0;
    for (let i = 0; i < target.length; i++) ones += target[i]!;
    expect(ones / target.length).toBeCloseTo(0.0807, 3);
  }, 60_000);

  it('keeps the 365243 code and reads previous_application categoricals', async () => {
    const prev = await loadKaggleTable(dir, 'previous_application');
    expect(prev.column('SK_ID_PREV')?.at(0)).toBe(2030495);
    expect(prev.column('NAME_CONTRACT_TYPE')?.at(0)).toBe('Consumer loans');
    expect(prev.column('RATE_DOWN_PAYMENT')?.at(0)).toBe(0.0);
    expect(Array.from(prev.column('DAYS_FIRST_DUE') as Float64Array)).toContain(365243);
  }, 30_000);

  it('reads the Windows-1252 column dictionary with the right characters', async () => {
    const dict = await loadColumnDictionary(join(dir, 'HomeCredit_columns_description.csv'));
    expect(dict).toHaveLength(219);
    const income = dict.find((e) => e.row === 'NAME_INCOME_TYPE');
    expect(income).toMatchObject({ table: 'application_{train|test}.csv' });
    expect(income?.description).toBe('Clients income type (businessman, working, maternity leave,…)');
    expect(dict.some((e) => /[\u0080-\u009f\uFFFD]|Ã|â€/.test(e.description))).toBe(false);
    expect(dict.find((e) => e.table === 'POS_CASH_balance.csv' && e.row === 'SK_ID_PREV')).toBeDefined();
  });
});
