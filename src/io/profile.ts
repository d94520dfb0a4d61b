// The one switch for phase timings: AFTERSALES_TIMING=1 prints how long each phase of a run took
// on stderr (scripts/bench.mjs reads them); otherwise marking a phase costs a comparison.
const enabled = process.env.AFTERSALES_TIMING === '1' || process.env.AFTERSALES_TIMING === 'memory';
/** AFTERSALES_TIMING=memory: the process's resident memory after each phase too. */
const memory = process.env.AFTERSALES_TIMING === 'memory';

export interface Profile {
  /** Ends the current phase, named `phase`, and starts the next one. */
  mark(phase: string): void;
}

const silent: Profile = { mark() {} };

/** A profile of `area` (the prefix of its lines), timing from now. */
export function startProfile(area: string): Profile {
  if (!enabled) return silent;
  let last = performance.now();
  return {
    mark(phase) {
      const now = performance.now();
      process.stderr.write(`${area}: ${phase} ${Math.round(now - last)} ms${memory ? ` (rss ${Math.round(process.memoryUsage.rss() / 1048576)} MiB)` : ''}\n`);
      last = now;
    },
  };
}
