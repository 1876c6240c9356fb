// Which git URLs reach git: the allowed transports pass, every other transport and every option-like part is refused.
import { describe, expect, test } from 'vitest';
import { checkGitUrl } from './check-git-url.ts';

const verdict = (url: string) => {
  try {
    checkGitUrl(url);
    return 'allowed';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('allowed', () => {
  test.each([
    'https://github.com/alice/solution.git',
    'ssh://git@github.com:22/alice/solution.git',
    'git@github.com:alice/solution.git',
    'file:///srv/submissions/bob.git',
    '/srv/submissions/bob.git',
    'HTTPS://example.com/x.git',
  ])('%s', (url) => expect(verdict(url)).toBe('allowed'));
});

describe('refused', () => {
  test.each([
    ['ext::sh -c touch% /tmp/x', 'BCH_GIT_PROTOCOL_REFUSED'],
    ['fd::3', 'BCH_GIT_PROTOCOL_REFUSED'],
    ['fd::3,4/repo', 'BCH_GIT_PROTOCOL_REFUSED'],
    ['persistent-https::https://example.com/x.git', 'BCH_GIT_PROTOCOL_REFUSED'],
    ['http://example.com/x.git', 'BCH_GIT_PROTOCOL_REFUSED'],
    ['git://example.com/x.git', 'BCH_GIT_PROTOCOL_REFUSED'],
    ['ftp://example.com/x.git', 'BCH_GIT_PROTOCOL_REFUSED'],
    ['ssh://-oProxyCommand=touch%20/tmp/x/repo.git', 'BCH_GIT_URL_REFUSED'],
    ['ssh://-oProxyCommand=x@host/repo.git', 'BCH_GIT_URL_REFUSED'],
    ['https://-x/repo.git', 'BCH_GIT_URL_REFUSED'],
    ['-oProxyCommand=x@host:repo', 'BCH_GIT_URL_REFUSED'],
    ['git@host:-repo', 'BCH_GIT_URL_REFUSED'],
    ['--upload-pack=touch /tmp/x', 'BCH_GIT_URL_REFUSED'],
    ['https://example.com/x.git\nhost=evil.example', 'BCH_GIT_URL_REFUSED'],
  ])('%s', (url, code) => expect(verdict(url)).toBe(code));

  test('the message names the transport and what is allowed', () => {
    expect(() => checkGitUrl('fd::3')).toThrow('the git URL "fd::3" uses the fd transport; bch fetches only over https, ssh, file');
  });
});
