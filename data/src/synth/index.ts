// Filled by the synth work; see docs/architecture.md.
export {};
