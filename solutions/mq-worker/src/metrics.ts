// Counters since the worker started, served as JSON on GET /metrics.
export interface Metrics {
  /** Orders recorded (charged, succeeded or declined). */
  processed: number;
  /** Messages sent to a retry after a transient failure. */
  retried: number;
  /** Messages sent to the dead-letter queue. */
  deadLettered: number;
}

export function newMetrics(): Metrics {
  return { processed: 0, retried: 0, deadLettered: 0 };
}
