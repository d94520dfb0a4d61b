// Progress on stderr for long jobs, drawn only when io.progress (a terminal, no CI); otherwise
// a no-op. cli-progress is loaded only when a bar may be drawn. Bars redraw synchronously as
// they are updated (cli-progress synchronousUpdate), so a synchronous load shows its progress.
import type { IO } from './io.js';

export interface Progress {
  tick(): void;
  stop(): void;
}

/** A bar of `total` steps, advanced by tick(). */
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

/** Progress of files being read: told how many of how many are done; drawn from `minFiles` on. */
export interface FileProgress {
  files(done: number, total: number): void;
  stop(): void;
}

const NONE: FileProgress = { files: () => {}, stop: () => {} };

/**
 * For a load that may parse thousands of files (a cold `check`, `control`, `report`): the bar
 * appears only when more than `minFiles` files are to be parsed (a warm run shows nothing).
 */
export async function fileProgress(io: IO, label: string, minFiles = 5000): Promise<FileProgress> {
  if (!io.progress) return NONE;
  const { SingleBar, Presets } = await import('cli-progress');
  let bar: InstanceType<typeof SingleBar> | undefined;
  return {
    files(done, total) {
      if (total <= minFiles) return;
      if (!bar) {
        bar = new SingleBar({ stream: process.stderr, format: `${label} [{bar}] {value}/{total}`, hideCursor: true, clearOnComplete: true, synchronousUpdate: true }, Presets.shades_classic);
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop: () => bar?.stop(),
  };
}
