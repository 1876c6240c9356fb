import { describe, expect, test } from 'vitest';
import { candidateName, shortSubmission } from './candidate-name.ts';

describe('candidateName', () => {
  test("a batch's id wins over what was graded", () => {
    expect(candidateName({ submission: '/home/ines/subs/dave#submitted', submission_id: 'dave@submitted' })).toBe('dave@submitted');
  });

  test('a local path keeps only its last segment and its ref, never the machine path', () => {
    expect(candidateName({ submission: '/home/ines/subs/dave#submitted' })).toBe('dave#submitted');
    expect(shortSubmission('/srv/grading/in/carol.tgz')).toBe('carol.tgz');
    expect(shortSubmission('./subs/erin/')).toBe('erin');
    expect(shortSubmission('frank.zip')).toBe('frank.zip');
  });

  test("a URL is the candidate's own repository, kept whole", () => {
    expect(shortSubmission('https://github.com/dave/cache.git#main')).toBe('https://github.com/dave/cache.git#main');
    expect(shortSubmission('git@github.com:dave/cache.git')).toBe('git@github.com:dave/cache.git');
  });
});
