// The earliest and latest modification times of a submission's files, as an archive's entries or a folder's files
// carry them: the candidate's own claim (anyone can set them), shown beside a grade, never scored.

export interface FileTimeRange {
  earliest: Date;
  latest: Date;
}

/** Collects times one at a time; a time before 1990 or in the future (an unset or broken field) is left out. */
export class FileTimes {
  #earliest: number | undefined;
  #latest: number | undefined;

  add(time: Date | undefined): void {
    const ms = time?.getTime();
    if (ms === undefined || Number.isNaN(ms) || ms < Date.UTC(1990, 0, 1) || ms > Date.now() + 86_400_000) return;
    this.#earliest = Math.min(this.#earliest ?? ms, ms);
    this.#latest = Math.max(this.#latest ?? ms, ms);
  }

  range(): FileTimeRange | undefined {
    return this.#earliest === undefined || this.#latest === undefined
      ? undefined
      : { earliest: new Date(this.#earliest), latest: new Date(this.#latest) };
  }
}
