import type { Response } from 'express';
import type { Principal } from '../auth/middleware.js';
import type { LimiterFactory } from '../auth/throttle.js';
import type { DecisionWriter } from '../decision-log/writer.js';
import type { AppDeps, ServingConfig } from '../deps.js';
import type { Metrics } from '../metrics.js';

/** What every router gets from createApp: the injected deps plus the app-wide singletons. */
export interface RouteContext {
  deps: AppDeps;
  config: ServingConfig;
  now: () => Date;
  decisions: DecisionWriter;
  metrics: Metrics;
  /** Where limits count: this process's memory, or the cluster primary's (one count per server). */
  limiters: LimiterFactory;
}

/** The authenticated caller (set by auth/middleware.ts before any /v1 route but login). */
export const principalOf = (res: Response): Principal => res.locals.principal as Principal;
