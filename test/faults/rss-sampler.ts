// Samples the resident set size of named processes from /proc at a fixed interval (for the soak's
// drift figure), and computes the drift between the start and the end of a run after its warm-up.
import { rssMiB } from '../../bench/lib/process-cpu.js';
import { now } from './load/request-record.js';

export interface RssSample {
  at: number;
  mib: number;
}

export class RssSampler {
  private readonly samples = new Map<string, RssSample[]>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly targets: () => Array<{ name: string; pid: number }>,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    const at = now();
    for (const { name, pid } of this.targets()) {
      try {
        const list = this.samples.get(name) ?? [];
        list.push({ at, mib: rssMiB(pid) });
        this.samples.set(name, list);
      } catch {
        // the process exited between listing and reading: no sample
      }
    }
  }

  byProcess(): Map<string, RssSample[]> {
    return this.samples;
  }
}

export interface RssDrift {
  /** Mean RSS of the first and the last window after the warm-up, MiB. */
  startMiB: number;
  endMiB: number;
  /** (end - start) / start. */
  drift: number;
  peakMiB: number;
}

/**
 * Drift after the warm-up: the mean of the first fifth of the remaining samples against the mean
 * of the last fifth (at least one sample each). Undefined with fewer than two samples after it.
 */
export function rssDrift(samples: readonly RssSample[], warmupEndsAt: number): RssDrift | undefined {
  const after = samples.filter((s) => s.at >= warmupEndsAt);
  if (after.length < 2) return undefined;
  const window = Math.max(1, Math.floor(after.length / 5));
  const mean = (list: readonly RssSample[]) => list.reduce((sum, s) => sum + s.mib, 0) / list.length;
  const startMiB = mean(after.slice(0, window));
  const endMiB = mean(after.slice(-window));
  return {
    startMiB,
    endMiB,
    drift: (endMiB - startMiB) / startMiB,
    peakMiB: Math.max(...samples.map((s) => s.mib)),
  };
}
