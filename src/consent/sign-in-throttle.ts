import type { Clock } from '../platform/time/clock.ts';

export const MAX_FAILED_SIGN_INS = 10;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
/** E-mails tracked at once (a few MiB at most); beyond, stale entries go first, then the oldest. */
const MAX_TRACKED = 100_000;

/**
 * Guesses against one account: after 10 wrong passwords for an e-mail within
 * 15 minutes, that e-mail may not sign in until the oldest failure is 15
 * minutes old. Per process (several hubs each count their own).
 */
export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly clock: Clock;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  /** Milliseconds until this e-mail may try again, or 0. */
  waitFor(email: string): number {
    const recent = this.recent(email.trim().toLowerCase());
    return recent.length >= MAX_FAILED_SIGN_INS ? recent[0]! + SIGN_IN_WINDOW_MS - this.clock.now() : 0;
  }

  failed(email: string): void {
    const key = email.trim().toLowerCase();
    const recent = this.recent(key);
    recent.push(this.clock.now());
    this.failures.delete(key);
    if (this.failures.size >= MAX_TRACKED) this.forgetStale();
    if (this.failures.size >= MAX_TRACKED) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(key, recent.slice(-MAX_FAILED_SIGN_INS));
  }

  succeeded(email: string): void {
    this.failures.delete(email.trim().toLowerCase());
  }

  private forgetStale(): void {
    const since = this.clock.now() - SIGN_IN_WINDOW_MS;
    for (const [key, times] of this.failures) if (times.at(-1)! <= since) this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.clock.now() - SIGN_IN_WINDOW_MS;
    return (this.failures.get(key) ?? []).filter((at) => at > since);
  }
}
