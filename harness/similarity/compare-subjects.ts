// Similarity between submissions of one challenge, with Dolos's fingerprinting (@dodona/dolos-core: winnowed
// k-grams of tokens, as MOSS does). Each submission is one document of its source files' tokens (source-tokens.ts);
// the starter's tokens are base code, so what every candidate got for free never counts as shared. Every pair that
// has a candidate in it is scored: candidate against candidate, and candidate against the reference, the shipped
// variants and any known public solution. Similarity is a reason to ask, never proof.
import { createHash } from 'node:crypto';
import { File, FingerprintIndex, Region, TokenizedFile } from '@dodona/dolos-core';
import type { SourceFile } from './source-files.ts';
import { sourceTokens } from './source-tokens.ts';

export type SubjectRole = 'candidate' | 'reference' | 'variant' | 'known';

export interface Subject {
  name: string;
  role: SubjectRole;
  files: SourceFile[];
}

export interface SimilarityOptions {
  /** A pair at or above this share of fingerprints in common is shown (0–1). */
  threshold: number;
  /** Tokens per fingerprint (k-gram). */
  kgramLength: number;
  /** K-grams per winnowing window. */
  window: number;
}

export const defaultSimilarityOptions: SimilarityOptions = { threshold: 0.6, kgramLength: 25, window: 15 };

export interface Span {
  file: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** Those lines (at most 40 of them, 4 KiB), as the submission has them. */
  text: string;
}

export interface SharedFragment {
  left: Span;
  right: Span;
  /** K-grams the fragment spans. */
  length: number;
}

export interface SimilarPair {
  left: string;
  right: string;
  rightRole: SubjectRole;
  /** Share of the two submissions' fingerprints found in both (Dolos's similarity), 0–1. */
  similarity: number;
  /** The longest run of shared fingerprints. */
  longest: number;
  /** Byte for byte the same source files. */
  identical: boolean;
  fragments: SharedFragment[];
}

export interface SimilarityResult {
  /** Every pair with a candidate in it, most similar first. */
  pairs: SimilarPair[];
  /** Those at or above the threshold, and every identical pair. */
  flagged: SimilarPair[];
  /** Groups of three or more candidates linked by flagged pairs. */
  clusters: string[][];
  options: SimilarityOptions;
}

/** One document per subject: its files' tokens end to end, and where each file starts in it. */
interface Document {
  subject: Subject;
  tokenized: TokenizedFile;
  offsets: Array<{ file: string; row: number }>;
  lines: string[];
  hash: string;
}

export function compareSubjects(
  subjects: readonly Subject[],
  base: readonly SourceFile[],
  options: SimilarityOptions = defaultSimilarityOptions,
): SimilarityResult {
  // Without k-gram data: dolos-core's fragments append to the data they start from, which is the index's own, so
  // each fragment built from a file grew it for the next (a batch of 50 ran out of memory; compare-subjects.test.ts).
  const index = new FingerprintIndex(options.kgramLength, options.window, false);
  const documents = subjects.map(documentOf);
  index.addFiles(documents.map((d) => d.tokenized));
  // Base code last: dolos-core ignores a fingerprint in every file only when the ignored file comes after them.
  if (base.length > 0) index.addIgnoredFile(documentOf({ name: '(starter)', role: 'known', files: [...base] }).tokenized);
  const pairs: SimilarPair[] = [];
  for (const [i, a] of documents.entries()) {
    for (const b of documents.slice(i + 1)) {
      if (a.subject.role !== 'candidate' && b.subject.role !== 'candidate') continue;
      const [left, right] = a.subject.role === 'candidate' ? [a, b] : [b, a];
      const pair = index.getPair(left.tokenized, right.tokenized);
      const identical = left.hash === right.hash;
      const similarity = identical ? 1 : round(pair.similarity);
      pairs.push({
        left: left.subject.name,
        right: right.subject.name,
        rightRole: right.subject.role,
        similarity,
        longest: pair.longest,
        identical,
        // Fragments are the costly part: only for the pairs a reader will look at.
        fragments:
          similarity >= options.threshold
            ? pair
                .buildFragments()
                .sort((x, y) => y.pairs.length - x.pairs.length)
                .slice(0, 8)
                .map((fragment) => ({
                  left: spanOf(left, fragment.leftSelection),
                  right: spanOf(right, fragment.rightSelection),
                  length: fragment.pairs.length,
                }))
            : [],
      });
    }
  }
  pairs.sort((x, y) => y.similarity - x.similarity || y.longest - x.longest);
  const flagged = pairs.filter((p) => p.identical || p.similarity >= options.threshold);
  return { pairs, flagged, clusters: clustersOf(flagged.filter((p) => p.rightRole === 'candidate')), options };
}

function documentOf(subject: Subject): Document {
  const tokens: string[] = [];
  const mapping: Region[] = [];
  const offsets: Document['offsets'] = [];
  const lines: string[] = [];
  const hash = createHash('sha256');
  for (const file of subject.files) {
    const row = lines.length;
    offsets.push({ file: file.path, row });
    hash.update(`${file.path}\0${file.content}\0`);
    const source = sourceTokens(file.content);
    tokens.push(...source.tokens);
    for (const [startRow, startCol, endRow, endCol] of source.places)
      mapping.push(new Region(row + startRow, startCol, row + endRow, endCol));
    lines.push(...file.content.split('\n'));
  }
  const file = new File(subject.name, lines.join('\n'));
  return { subject, tokenized: new TokenizedFile(file, tokens, mapping), offsets, lines, hash: hash.digest('hex') };
}

/** A region of a document as a file of the submission and its lines. */
function spanOf(document: Document, region: Region): Span {
  const at = document.offsets.findLast((o) => o.row <= region.startRow) ?? document.offsets[0];
  const text = document.lines.slice(region.startRow, Math.min(region.endRow + 1, region.startRow + 40)).join('\n');
  return {
    file: at?.file ?? '?',
    startLine: region.startRow - (at?.row ?? 0) + 1,
    endLine: region.endRow - (at?.row ?? 0) + 1,
    text: text.length > 4096 ? `${text.slice(0, 4096)}…` : text,
  };
}

/** Connected groups of three or more names. */
function clustersOf(pairs: readonly SimilarPair[]): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    const p = parent.get(x) ?? x;
    if (p === x) return x;
    const root = find(p);
    parent.set(x, root);
    return root;
  };
  for (const { left, right } of pairs) parent.set(find(left), find(right));
  const groups = new Map<string, string[]>();
  for (const name of new Set(pairs.flatMap((p) => [p.left, p.right]))) groups.set(find(name), [...(groups.get(find(name)) ?? []), name]);
  return [...groups.values()].filter((g) => g.length >= 3).map((g) => g.sort());
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
