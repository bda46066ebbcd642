/** Durations as written in the config file: a whole number above zero and one unit. */

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
const DURATION = /^([1-9][0-9]{0,15})(ms|s|m|h)$/;

/** Node's timers fire at once for delays above 2^31-1 ms, so a longer duration would act as zero. */
export const MAX_DURATION_MS = 2 ** 31 - 1;

/** `500ms`, `30s`, `5m`, `1h` → milliseconds; null for anything else (spaces, signs, zero, fractions,
 * other units, or longer than MAX_DURATION_MS). */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text);
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms <= MAX_DURATION_MS ? ms : null;
}

/** Milliseconds for display, largest units first, zero parts left out: `5m`, `1m30s`, `250ms`, `1h5s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0s';
  let rest = Math.round(ms);
  let text = '';
  for (const unit of ['h', 'm', 's', 'ms'] as const) {
    const count = Math.floor(rest / UNIT_MS[unit]);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * UNIT_MS[unit];
  }
  return text;
}
