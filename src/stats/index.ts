/**
 * sonorisk/stats — see docs/ and DESIGN.md.
 * @module stats
 */
export {};
