/**
 * The fixture tables plus the columns the "derived" group reads, with values worked out by hand in
 * groups/derived.test.ts (rows after the recipe: clients 1, 2, 4 (train), 5 (test); 3 is XNA).
 */
import * as aq from 'arquero';
import type { SourceTables } from '../build.js';
import { fixtureTables } from './fixtures.js';

const f = (...v: number[]) => Float64Array.from(v);

export function derivedFixtureTables(): SourceTables {
  const tables = fixtureTables();
  return {
    ...tables,
    application_train: tables.application_train!.assign(
      aq.table({
        // client 1: all three scores; 2: two; 3 (XNA): all; 4: none
        EXT_SOURCE_1: f(0.2, NaN, 0.5, NaN),
        EXT_SOURCE_2: f(0.4, 0.6, 0.5, NaN),
        EXT_SOURCE_3: f(0.6, 0.2, 0.5, NaN),
        AMT_GOODS_PRICE: f(40, 0, 100, NaN), // credits 50, 0, 100, 0
        DAYS_ID_PUBLISH: f(-500, -1000, 0, NaN), // births -1000, -2000, -3000, -4000
        DAYS_LAST_PHONE_CHANGE: f(-100, 0, 0, -400),
        DAYS_REGISTRATION: f(-250, -500, 0, -1000),
        OWN_CAR_AGE: f(5, NaN, 1, 10),
        FLAG_DOCUMENT_2: f(1, 0, 0, NaN),
        FLAG_DOCUMENT_3: f(1, 1, 0, 1),
      }),
    ),
    // client 5: one score only, goods price 0, no document flag given
    application_test: tables.application_test!.assign(
      aq.table({ EXT_SOURCE_2: f(0.7), AMT_GOODS_PRICE: f(0) }),
    ),
    // credits 10 (Active), 11 (Closed), 12 (Active) of client 1; 20 (Sold) of client 2
    bureau: tables.bureau!.assign(
      aq.table({ AMT_CREDIT_SUM_DEBT: f(10, 20, 30, 5), AMT_CREDIT_SUM: f(100, 200, 0, 50) }),
    ),
    // applications 100, 101 of client 1; 102 of client 2
    previous_application: tables.previous_application!.assign(aq.table({ AMT_ANNUITY: f(5, 15, 0) })),
  };
}
