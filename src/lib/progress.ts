/**
 * Progress of a long job: on a terminal a bar redrawn in place, with rate and time left;
 * elsewhere (a log, CI) a plain line at every tenth, so the output stays readable.
 */
export interface ProgressOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

export function createProgress(out: ProgressOutput, now: () => number = Date.now) {
  const started = now();
  let lastTenth = -1;
  let lastDraw = 0;
  return {
    update(done: number, total: number): void {
      if (total === 0) return;
      const seconds = Math.max((now() - started) / 1000, 0.001);
      const rate = done / seconds;
      const left = rate > 0 ? Math.ceil((total - done) / rate) : 0;
      const percent = Math.floor((done / total) * 100);
      const text = `${done}/${total} rows hashed, ${rate.toFixed(0)} rows/s, about ${left} s left`;
      if (out.isTTY) {
        if (done < total && now() - lastDraw < 100) return;
        lastDraw = now();
        const width = 24;
        const filled = Math.round((done / total) * width);
        out.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${text}\x1b[K`);
        if (done === total) out.write('\n');
        return;
      }
      const tenth = Math.floor(percent / 10);
      if (tenth !== lastTenth || done === total) {
        lastTenth = tenth;
        out.write(`${percent}% ${text}\n`);
      }
    },
  };
}
