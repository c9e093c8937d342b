/**
 * sonorisk/models — see docs/ and DESIGN.md.
 * @module models
 */
export {};
