/** The feature table every downstream package reads (docs/architecture.md, "Feature table"). */
export interface FeatureTable {
  /** SK_ID_CURR per row. */
  ids: Float64Array;
  /** TARGET per row, NaN where unknown (application_test rows). */
  target: Float64Array;
  /** Feature names, in recipe order. */
  names: string[];
  /** One column per name; NaN = missing, ±Infinity kept as the recipe produces them. */
  columns: Float64Array[];
}
