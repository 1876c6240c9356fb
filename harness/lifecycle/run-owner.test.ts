// Owner marks: a live process is alive, an exited one or a reused pid is dead, another host's is elsewhere.
import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { encodeOwner, ownerState, parseOwner, thisProcessOwner } from './run-owner.ts';

test('this process is alive; its mark survives a round trip', () => {
  expect(ownerState(parseOwner(encodeOwner()))).toBe('alive');
  expect(thisProcessOwner().started).toMatch(/^\d+$/);
});

test('an exited process, or a pid now held by a later process, is dead; another host is elsewhere', () => {
  const exited = spawnSync(process.execPath, ['-e', '0']).pid;
  expect(ownerState({ ...thisProcessOwner(), pid: exited, started: undefined })).toBe('dead');
  expect(ownerState({ ...thisProcessOwner(), started: '1' }), 'same pid, other start time').toBe('dead');
  expect(ownerState({ ...thisProcessOwner(), pid: 1, started: '999999999' }), 'pid 1 started at another time').toBe('dead');
  expect(ownerState({ ...thisProcessOwner(), host: 'another-host' })).toBe('elsewhere');
  expect(ownerState(undefined), 'no mark').toBe('dead');
});

test('anything but a mark parses to nothing', () => {
  for (const text of [null, '', 'deadbeef', '{"host":"h","pid":1}', '{"bch":1,"host":"h","pid":"1"}'])
    expect(parseOwner(text)).toBeUndefined();
});
