import { kaggleSchemas, TABLE_NAMES } from './schema.js';

describe('kaggleSchemas', () => {
  it('describes the eight tables with their Kaggle column counts', () => {
    const counts = Object.fromEntries(TABLE_NAMES.map((t) => [t, kaggleSchemas[t].columns.length]));
    expect(counts).toEqual({
      application_train: 122,
      application_test: 121,
      bureau: 17,
      bureau_balance: 3,
      previous_application: 37,
      POS_CASH_balance: 8,
      installments_payments: 8,
      credit_card_balance: 23,
    });
  });

  it('keeps file order and types: TARGET is the second train column, a flag', () => {
    const train = kaggleSchemas.application_train.columns;
    expect(train[0]).toMatchObject({ name: 'SK_ID_CURR', type: 'id', nullable: false });
    expect(train[1]).toMatchObject({ name: 'TARGET', type: 'flag' });
    expect(kaggleSchemas.application_test.columns.map((c) => c.name)).toEqual(
      train.filter((c) => c.name !== 'TARGET').map((c) => c.name),
    );
  });

  it('types text columns categorical and DAYS_* columns days', () => {
    const bureau = new Map(kaggleSchemas.bureau.columns.map((c) => [c.name, c.type]));
    expect(bureau.get('CREDIT_ACTIVE')).toBe('categorical');
    expect(bureau.get('DAYS_CREDIT_ENDDATE')).toBe('days');
    expect(bureau.get('AMT_CREDIT_SUM')).toBe('float');
    expect(kaggleSchemas.bureau_balance.columns.map((c) => c.type)).toEqual(['id', 'integer', 'categorical']);
  });

  it('carries descriptions decoded from Windows-1252 (the ellipsis, no control characters)', () => {
    const income = kaggleSchemas.application_train.columns.find((c) => c.name === 'NAME_INCOME_TYPE');
    expect(income?.description).toBe('Clients income type (businessman, working, maternity leave,…)');
    for (const t of TABLE_NAMES)
      for (const c of kaggleSchemas[t].columns) expect(c.description).not.toMatch(/[\u0080-\u009f\uFFFD]/);
    // The dictionary calls it SK_BUREAU_ID; the files say SK_ID_BUREAU.
    const bb = kaggleSchemas.bureau_balance.columns.find((c) => c.name === 'SK_ID_BUREAU');
    expect(bb?.description).toMatch(/Recoded ID of Credit Bureau credit/);
  });

  it('names primary keys that exist in the table', () => {
    for (const t of TABLE_NAMES) {
      const pk = kaggleSchemas[t].primaryKey;
      if (pk) expect(kaggleSchemas[t].columns.map((c) => c.name)).toContain(pk);
    }
  });
});
