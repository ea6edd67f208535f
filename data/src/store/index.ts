// Filled by the store work; see docs/architecture.md.
export {};
