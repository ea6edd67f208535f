export { connectToPrimary, type ClusterLink, type Channel } from './worker-link.js';
export { createPrimaryHub, type PrimaryHub, type WorkerHandle } from './primary-hub.js';
