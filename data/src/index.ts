export { DataError } from './errors.js';
export { silentLogger, type Logger } from './logger.js';
export * from './kaggle/index.js';
export * from './synth/index.js';
export * from './features/index.js';
export * from './store/index.js';
