// Filled by the kaggle work; see docs/architecture.md.
export {};
