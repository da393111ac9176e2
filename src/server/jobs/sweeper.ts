/**
 * Runs the sweeps every `intervalMs` in this process (`kexin serve`; `kexin sweep` runs them once);
 * a tick that finds the previous one still running is skipped. The atomic claims inside each sweep
 * (claimed-sweep.ts) make running it in several processes safe.
 */
import type { AppContext } from '../context';

export type Sweep = (app: AppContext) => Promise<unknown>;

export function startSweeper(app: AppContext, intervalMs: number, onError: (e: unknown) => void, sweeps: Sweep[]): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const sweep of sweeps) await sweep(app);
    } catch (e) { onError(e); } finally { running = false; }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
