// Which tests a run grades against: the challenge's hidden checks (`bch grade`) or its public tests (`bch test`).
// At the root of harness/, below every layer, since each of them names it.

export const suites = ['hidden', 'public'] as const;
export type Suite = (typeof suites)[number];
