export { createModelSlot, type ModelSlot } from './model-slot.js';
export {
  watchAlias,
  type AliasWatcher,
  type AliasWatcherOptions,
  type CheckResult,
  type WatchLogger,
} from './alias-watcher.js';
