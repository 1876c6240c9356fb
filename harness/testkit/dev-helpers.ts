// What a challenge's `fixtures/dev-helpers.ts` gives `bch dev`: its helper servers for the candidate's local loop
// (harness/dev/dev-helpers.ts starts them).

export interface DevHelpers {
  /** Variables the candidate's service gets on top of the grade's (e.g. UPSTREAM_URL). */
  env: Record<string, string>;
  /** What to print: a label and a URL (with what can be done there). */
  urls: { label: string; url: string }[];
  stop(): Promise<void>;
}

/** What a challenge's helpers may use: the session's service variables (the candidate's own credentials), a log. */
export interface DevHelperContext {
  env: Record<string, string>;
  log: (line: string) => void;
}
