/**
 * sonorisk/report — see docs/ and DESIGN.md.
 * @module report
 */
export {};
