#!/usr/bin/env node
// The `credit` command. Sources are TypeScript; tsx compiles them on the fly so `npx credit` always
// runs the code in the tree (no stale build).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
