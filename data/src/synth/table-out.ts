import type { Cell, SynthColumn } from './column.js';
import type { CsvSink } from './csv-sink.js';
import type { Random } from './random.js';
import { DataError } from '../errors.js';

/** Values set by the generator's logic; every other column is drawn from its real-sample profile. */
export type RowValues = Record<string, Cell>;

/** One output table: its columns in Kaggle order and the file they stream to. */
export class TableOut {
  private readonly byName: Map<string, SynthColumn>;

  constructor(
    readonly columns: SynthColumn[],
    readonly sink: CsvSink,
    private readonly rng: Random,
  ) {
    this.byName = new Map(columns.map((c) => [c.name, c]));
  }

  column(name: string): SynthColumn {
    const col = this.byName.get(name);
    if (!col)
      throw new DataError(
        'SYNTH_SCHEMA_MISMATCH',
        `No column ${name} in ${this.sink.path}: the Kaggle schema and the synthetic generator disagree; update src/synth.`,
      );
    return col;
  }

  /** Writes one row: given values where set, a profile draw for the rest. */
  emit(values: RowValues): void {
    let line = '';
    for (let i = 0; i < this.columns.length; i++) {
      const col = this.columns[i] as SynthColumn;
      const given = values[col.name];
      if (i > 0) line += ',';
      line += col.format(given === undefined ? col.draw(this.rng) : given);
    }
    this.sink.push(line);
  }
}
