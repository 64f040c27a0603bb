// Public entry point of reesim. Named exports only, grouped by layer.

// Errors
export { type ErrorCode, type Issue, ReesimError } from './core/errors.js';
