export { TrainingError } from './errors.js';
export { silentLogger, type Logger } from './logger.js';
