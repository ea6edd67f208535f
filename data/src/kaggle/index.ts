export * from './schema.js';
export { decodeWindows1252 } from './windows-1252.js';
export { loadColumnDictionary, type ColumnDictionaryEntry } from './dictionary.js';
export {
  loadKaggleDir,
  loadKaggleFile,
  loadKaggleTable,
  type KaggleTables,
  type LoadOptions,
  type LoadProgress,
} from './load.js';
export { CodedColumn } from './coded-column.js';
export { findKaggleFile, readKaggleFile, type ReadHandlers } from './read-file.js';
export {
  validateKaggleDir,
  type IssueKind,
  type Severity,
  type ValidateOptions,
  type ValidationIssue,
  type ValidationReport,
} from './validate.js';
export { formatValidationReport } from './validate-format.js';
