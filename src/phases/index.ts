/**
 * sonorisk/phases — see docs/ and DESIGN.md.
 * @module phases
 */
export {};
