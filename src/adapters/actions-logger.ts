/** The runner's annotations and log groups. */
import * as core from '@actions/core';
import type { Logger } from '../core/ports.js';
import type { Position } from '../core/types.js';

type Where = { file: string } & Partial<Position>;

function annotation(where?: Where): core.AnnotationProperties | undefined {
  if (!where) return undefined;
  return { file: where.file, startLine: where.line, startColumn: where.column };
}

/** A line of ours that starts with `::` would be read as a workflow command; a value from outside (a
 * ref, a file name) must never issue one. Warnings and errors are escaped by the toolkit itself. */
export function inert(message: string): string {
  return message.replace(/^(\s*)::/gm, '$1\u200b::');
}

export class ActionsLogger implements Logger {
  info(message: string): void {
    core.info(inert(message));
  }
  debug(message: string): void {
    core.debug(message);
  }
  warning(message: string, where?: Where): void {
    core.warning(message, annotation(where));
  }
  error(message: string, where?: Where): void {
    core.error(message, annotation(where));
  }
  group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    return core.group(name, fn);
  }
}
