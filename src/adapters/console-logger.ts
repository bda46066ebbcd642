/** Plain lines on a terminal, for the CLI (which must not load the Actions toolkit). */
import type { Logger } from '../core/ports.js';

export class ConsoleLogger implements Logger {
  constructor(
    private readonly out: (line: string) => void = (line) => process.stderr.write(line + '\n'),
    private readonly verbose = false,
  ) {}
  info(message: string): void {
    this.out(message);
  }
  debug(message: string): void {
    if (this.verbose) this.out(`debug: ${message}`);
  }
  warning(message: string): void {
    this.out(`warning: ${message}`);
  }
  error(message: string): void {
    this.out(`error: ${message}`);
  }
  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.out(`── ${name}`);
    return fn();
  }
}
