// A progress bar on stderr for long jobs, drawn only when io.progress (a terminal, no CI);
// otherwise a no-op. cli-progress is loaded only when a bar is drawn.
import type { IO } from '../io/io.js';

export interface Progress {
  tick(): void;
  stop(): void;
}

export async function progressBar(io: IO, total: number, label: string): Promise<Progress> {
  if (!io.progress || total === 0) return { tick: () => {}, stop: () => {} };
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {value}/{total}`, hideCursor: true, clearOnComplete: true, etaBuffer: 100 },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  let done = 0;
  return {
    tick: () => bar.update(++done),
    stop: () => bar.stop(),
  };
}
