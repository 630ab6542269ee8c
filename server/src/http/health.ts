import { Router } from 'express';
import type { Logger } from 'pino';

/** What readiness depends on: the store always, Redis when nodes share fan-out through it. */
export interface HealthChecks {
  store: () => Promise<void>;
  redis?: () => Promise<void>;
}

type Outcome = 'ok' | 'failed' | 'timeout';

/** Longer than a healthy engine ever takes, shorter than a load balancer's probe interval. */
const READY_TIMEOUT_MS = 2_000;

/**
 * `/healthz`: the process runs (liveness; a restart is the cure when it stops answering).
 * `/readyz`: this node can serve (readiness; a balancer sends it nothing while not). The answer names which
 * check failed and nothing else: why is in the log, since an engine's error may name hosts or users.
 */
export function healthRoutes(
  checks: HealthChecks,
  { timeoutMs = READY_TIMEOUT_MS, log }: { timeoutMs?: number; log?: Logger } = {},
): Router {
  const router = Router();
  // Probes at the same moment (several balancers) share one check, so they do not pile up connections on a
  // slow engine. One that timed out is let go: a check that never settles must not keep the node unready
  // once the engine is back.
  const running = new Map<string, Promise<void>>();
  const forget = (name: string, attempt: Promise<void>) => {
    if (running.get(name) === attempt) running.delete(name);
  };
  const outcomeOf = (name: string, check: () => Promise<void>): Promise<Outcome> => {
    let attempt = running.get(name);
    if (attempt === undefined) {
      const started = Promise.resolve().then(check);
      running.set(name, started);
      started.then(
        () => forget(name, started),
        () => forget(name, started),
      );
      attempt = started;
    }
    const shared = attempt;
    return withTimeout(shared, timeoutMs).then(
      (outcome) => {
        if (outcome === 'timeout') {
          forget(name, shared);
          log?.warn({ check: name, timeoutMs }, 'readiness check timed out');
        }
        return outcome;
      },
      (error: unknown) => {
        log?.warn({ err: error, check: name }, 'readiness check failed');
        return 'failed' as const;
      },
    );
  };

  router.get('/healthz', (_req, res) => {
    res.set('cache-control', 'no-store').json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    const [store, redis] = await Promise.all([
      outcomeOf('store', checks.store),
      checks.redis === undefined ? ('off' as const) : outcomeOf('redis', checks.redis),
    ]);
    const ok = store === 'ok' && (redis === 'ok' || redis === 'off');
    res
      .status(ok ? 200 : 503)
      .set('cache-control', 'no-store')
      .json({ ok, store, redis });
  });
  return router;
}

/** 'ok' when `attempt` resolves within `ms`, 'timeout' if not; rejects as it does. */
function withTimeout(attempt: Promise<void>, ms: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return Promise.race([attempt.then(() => 'ok' as const), late]).finally(() => clearTimeout(timer));
}
