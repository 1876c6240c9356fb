// Watches the answers of the newly active target for a window after the switch: resolves 'unhealthy' as soon
// as enough answers were seen and the share of failures reaches the threshold, 'healthy' when the window ends.
import type { Router, Target } from './router.ts';

export interface WatchRule {
  windowMs: number;
  errorRate: number;
  minRequests: number;
}

export function watchErrors(router: Router, target: Target, rule: WatchRule): Promise<'healthy' | 'unhealthy'> {
  let total = 0;
  let failed = 0;
  return new Promise((resolve) => {
    const finish = (verdict: 'healthy' | 'unhealthy') => {
      clearTimeout(timer);
      unsubscribe();
      resolve(verdict);
    };
    const timer = setTimeout(() => finish('healthy'), rule.windowMs);
    const unsubscribe = router.onResult((answered, isFailure) => {
      if (answered !== target) return;
      total += 1;
      if (isFailure) failed += 1;
      if (total >= rule.minRequests && failed / total >= rule.errorRate) finish('unhealthy');
    });
  });
}
