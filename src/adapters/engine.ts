/** Tuning of the JavaScript engine for the short commands. */
import { setFlagsFromString } from 'node:v8';

/** `plan` and `validate` are one-shot processes of well under a second. V8's optimizing compiler
 * (TurboFan) compiles their hot loops on a background thread, and on a 2-core runner that thread takes the
 * core the git processes of the plan need, for code that finishes before it pays off: without it a plan of
 * 2,000 services takes ~60 ms (about a tenth) less. The baseline tiers still run. Long commands (release,
 * rollback) keep the default. The flag exists in every V8 of Node 20 and later; it only stops further
 * optimization, so setting it after start-up is safe. */
export function skipOptimizingCompiler(): void {
  setFlagsFromString('--no-turbofan');
}
