import type { TableName } from '../kaggle/schema.js';

/** Statistics of one real column, measured by data/scripts/profile-sample.ts. */
export type ColumnProfile =
  | {
      kind: 'categorical';
      /** Share of empty cells. */
      missing: number;
      /** [value, share among present cells], most frequent first. */
      values: [string, number][];
    }
  | {
      kind: 'numeric';
      missing: number;
      /** Share of present cells holding Kaggle's 365243 "no date" code. */
      code365243: number;
      /** Every present value (besides the code) is a whole number. */
      integral: boolean;
      /** Decimals seen in the text, capped. */
      decimals: number;
      /** Few distinct values: [value, share among non-code cells], ascending. */
      values?: [number, number][];
      /** Otherwise the 0th..100th percentiles of the non-code values. */
      quantiles?: number[];
    };

export interface TableProfile {
  rows: number;
  /** Columns in the file's order. */
  columns: Record<string, ColumnProfile>;
}

export type SampleProfile = Record<TableName, TableProfile>;
