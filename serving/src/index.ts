export { ServingError } from './errors.js';
