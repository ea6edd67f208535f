export { MonitoringError } from './errors.js';
