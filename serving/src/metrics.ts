import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the gauges read at each scrape (also when a cluster primary collects a worker's registry). */
export interface MetricSources {
  /** The served model's version (credit_model_info). */
  modelVersion: () => string;
  /** Decision rows answered and not yet written (credit_decision_log_pending). */
  pendingDecisions: () => number;
}

/**
 * Per-app Prometheus registry: request latency, decisions by outcome, served model version, and the
 * decision rows waiting to be written.
 */
export function createMetrics(sources: MetricSources) {
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
  new Gauge({
    name: 'credit_model_info',
    help: 'served model version (value 1)',
    labelNames: ['version'],
    aggregator: 'max', // summed over worker processes it would read 2 for one version served by two
    registers: [registry],
    collect() {
      this.reset();
      this.set({ version: sources.modelVersion() }, 1);
    },
  });
  new Gauge({
    name: 'credit_decision_log_pending',
    help: 'decision rows returned to callers and not yet written to the store (backpressure above 5000)',
    registers: [registry],
    collect() {
      this.set(sources.pendingDecisions());
    },
  });
  return { registry, latency, decisions };
}
export type Metrics = ReturnType<typeof createMetrics>;
