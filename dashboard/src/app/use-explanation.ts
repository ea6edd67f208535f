// A client's full explanation (every field, the reference risk) and the risk points per unit of log-odds
// that turn its contributions into percentage points; until it arrives (or if it fails) the slope is the
// score's own, for the score's top reasons.
import { useEffect, useState } from 'preact/hooks';
import { api, type Explanation, type Score } from './api.js';
import { logOddsSlope } from './localize.js';

export function useExplanation(id: number, score: Score): { explanation: Explanation | null; slope: number } {
  const [explanation, setExplanation] = useState<Explanation | null>(null);
  useEffect(() => {
    api.explanation(id).then(setExplanation, () => setExplanation(null));
  }, [id, score.modelVersion]);
  const slope = explanation
    ? logOddsSlope(explanation.output.probability, explanation.baseline, explanation.output.logit)
    : logOddsSlope(score.probability);
  return { explanation, slope };
}
