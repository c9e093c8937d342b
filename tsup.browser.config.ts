// Only the standalone browser build (dist/browser/) — for iterating on it; `npm run build` builds everything.
import { defineConfig } from 'tsup';
import { configs } from './tsup.config.js';

export default defineConfig(configs[1]!);
