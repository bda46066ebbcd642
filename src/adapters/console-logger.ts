/** Plain lines on a terminal, for the CLI (which must not load the Actions toolkit). */
import type { Logger } from '../core/ports.js';

/** Colour only for a person at a terminal: not when the output is piped or redirected, and not when
 * NO_COLOR is set to anything (https://no-color.org). */
export function wantsColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

const RED = '\x1b[31m';
const YELLOW = '\x1b[33m';
const RESET = '\x1b[0m';

/** `warning:` / `error:` in their colour when `colour` is on. */
export function label(kind: 'warning' | 'error', colour: boolean): string {
  const text = `${kind}:`;
  return colour ? `${kind === 'error' ? RED : YELLOW}${text}${RESET}` : text;
}

export class ConsoleLogger implements Logger {
  constructor(
    private readonly out: (line: string) => void = (line) => process.stderr.write(line + '\n'),
    private readonly verbose = false,
    private readonly colour = false,
  ) {}
  info(message: string): void {
    this.out(message);
  }
  debug(message: string): void {
    if (this.verbose) this.out(`debug: ${message}`);
  }
  warning(message: string): void {
    this.out(`${label('warning', this.colour)} ${message}`);
  }
  error(message: string): void {
    this.out(`${label('error', this.colour)} ${message}`);
  }
  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.out(`── ${name}`);
    return fn();
  }
}
