export * from './schema.js';
export { decodeWindows1252 } from './windows-1252.js';
