/** How a user command ended, in words, for error messages and the record. */
import { formatDuration } from './duration.js';
import type { CommandResult } from './ports.js';

/** `exited with code 3`, `timed out after 2s`, `was killed by SIGKILL`, `was cancelled`. */
export function describeEnding(result: CommandResult, timeoutMs?: number): string {
  if (result.cancelled) return 'was cancelled';
  if (result.timedOut)
    return timeoutMs === undefined ? 'timed out' : `timed out after ${formatDuration(timeoutMs)}`;
  if (result.signal) return `was killed by ${result.signal}`;
  return `exited with code ${result.exitCode ?? 'unknown'}`;
}
