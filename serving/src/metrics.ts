import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Per-app Prometheus registry: request latency, decisions by outcome, served model version. */
export function createMetrics() {
  const registry = new Registry();
  const latency = new Histogram({
    name: 'credit_http_request_duration_seconds',
    help: 'request latency',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  const decisions = new Counter({
    name: 'credit_decisions_total',
    help: 'scoring decisions by outcome',
    labelNames: ['decision', 'model_version'],
    registers: [registry],
  });
  const modelInfo = new Gauge({
    name: 'credit_model_info',
    help: 'served model version (value 1)',
    labelNames: ['version'],
    aggregator: 'max', // summed over worker processes it would read 2 for one version served by two
    registers: [registry],
  });
  return { registry, latency, decisions, modelInfo };
}
export type Metrics = ReturnType<typeof createMetrics>;
