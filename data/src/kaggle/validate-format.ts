import type { ValidationReport } from './validate.js';

/** The validation report as plain text: one line per problem with example lines, then a summary table. */
export function formatValidationReport(report: ValidationReport): string {
  const out: string[] = [];
  for (const i of report.issues) {
    const where = i.column ? `${i.file}, column ${i.column}` : i.file;
    const lines = i.examples.map((e) =>
      e.value === undefined ? `line ${e.line}` : `line ${e.line} (${e.value})`,
    );
    const more = i.count > i.examples.length ? `, ... ${i.count - i.examples.length} more` : '';
    out.push(`${i.severity.padEnd(7)} ${where}: ${i.count} ${i.message}: ${lines.join(', ')}${more}`);
  }
  out.push(
    '',
    `${'file'.padEnd(30)} ${'rows'.padStart(10)} ${'MB'.padStart(8)} ${'errors'.padStart(8)} ${'warnings'.padStart(9)}`,
  );
  for (const t of report.tables) {
    const mine = report.issues.filter((i) => i.table === t.table);
    const count = (s: string) => mine.filter((i) => i.severity === s).reduce((n, i) => n + i.count, 0);
    out.push(
      `${(t.file ?? `${t.table} (absent)`).padEnd(30)} ${String(t.rows).padStart(10)} ${(t.bytes / 1e6).toFixed(1).padStart(8)} ${String(count('error')).padStart(8)} ${String(count('warning')).padStart(9)}`,
    );
  }
  out.push('', `${report.errors} error(s), ${report.warnings} warning(s) in ${report.dir}`);
  return `${out.join('\n')}\n`;
}
