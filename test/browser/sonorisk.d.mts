// Types for the packed package: its public surface is src/index.ts (dist may not exist at typecheck time).
export * from '../../src/index.js';
