export {
  synthesizeKaggleDir,
  DEFAULT_SYNTH,
  type SynthOptions,
  type SynthSummary,
  type SynthFileSummary,
  type SynthProgress,
} from './synthesize.js';
export { Random } from './random.js';
