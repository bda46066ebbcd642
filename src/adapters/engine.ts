/** Tuning of the JavaScript engine for the short commands. */
import { setFlagsFromString } from 'node:v8';

/** V8 versions known to have the flag (Node 20 has 11.3, Node 24 has 13.6). V8 prints an unknown flag's
 * error to stdout, where it would corrupt `plan --json`: a newer V8 is left alone. */
const KNOWN_V8_MAJORS = [11, 12, 13, 14];

/** `plan` and `validate` are one-shot processes of well under a second. V8's optimizing compiler
 * (TurboFan) compiles their hot loops on a background thread, and on a 2-core runner that thread takes the
 * core the git processes of the plan need, for code that finishes before it pays off: without it a plan ends
 * sooner at every size `npm run bench` measures. The baseline tiers
 * still run. Long commands (release, rollback) keep the default. The flag only stops further optimization,
 * so setting it after start-up is safe. */
export function skipOptimizingCompiler(v8Version: string = process.versions.v8): void {
  if (KNOWN_V8_MAJORS.includes(Number.parseInt(v8Version, 10))) setFlagsFromString('--no-turbofan');
}
