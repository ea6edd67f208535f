import type { ScoringModel } from '../deps.js';

/**
 * Remembers the scoring answer (probability, decision, reasons) of known clients, per model.
 *
 * A known client's feature vector does not change while the server runs and a model is immutable, so
 * the answer for (model, client) is a pure function: computing the exact explanation again (~1 ms of
 * CPU, most of a score request) for a client scored a minute ago buys nothing. Keyed by the model
 * object: a hot reload brings a new object, so the old answers are never served by the new model and
 * are dropped with it. Least-recently-used entries go first once `capacity` is reached.
 * Every request is still validated, authorised and written to the decision log: only the arithmetic
 * is shared.
 */
export interface KnownClientAnswers<T> {
  /** The remembered answer, or `compute()`'s (then remembered). */
  get(model: ScoringModel, clientId: number, compute: () => T): T;
  /** Answers held for `model` (for tests and metrics). */
  size(model: ScoringModel): number;
}

export function createKnownClientAnswers<T>(capacity: number): KnownClientAnswers<T> {
  const perModel = new WeakMap<ScoringModel, Map<number, T>>();
  const answersOf = (model: ScoringModel) => {
    let answers = perModel.get(model);
    if (!answers) {
      answers = new Map();
      perModel.set(model, answers);
    }
    return answers;
  };
  return {
    get(model, clientId, compute) {
      if (capacity <= 0) return compute();
      const answers = answersOf(model);
      const held = answers.get(clientId);
      if (held !== undefined) {
        // Map keeps insertion order: re-inserting makes this the most recently used.
        answers.delete(clientId);
        answers.set(clientId, held);
        return held;
      }
      const fresh = compute();
      answers.set(clientId, fresh);
      if (answers.size > capacity) answers.delete(answers.keys().next().value!);
      return fresh;
    },
    size: (model) => perModel.get(model)?.size ?? 0,
  };
}
