export { main } from './cli/main.js';
export { PipelineError } from './errors.js';
export { createLogger, type CliLogger } from './logger.js';
