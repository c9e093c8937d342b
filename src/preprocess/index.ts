/**
 * sonorisk/preprocess — see docs/ and DESIGN.md.
 * @module preprocess
 */
export {};
