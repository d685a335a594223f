/** Progress of long work, reported by services and shown by the CLI (a bar, or periodic lines). */
export interface Progress {
  start(total: number, label: string): void;
  increment(by?: number): void;
  stop(): void;
}

/** A progress that shows nothing, for tests and library calls. */
export const silentProgress: Progress = { start: () => undefined, increment: () => undefined, stop: () => undefined };
