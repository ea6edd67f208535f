// Filled by the features work; see docs/architecture.md.
export {};
