import { baseJestConfig } from '../jest.config.base.js';

export default { ...baseJestConfig, displayName: '@credit/monitoring' };
