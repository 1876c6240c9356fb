// The labels of every container the harness starts: what marks it as bch's, its run, and its owner process.
export const managedLabel = 'bch.managed';
export const runLabel = 'bch.run';
export const ownerLabel = 'bch.owner';
