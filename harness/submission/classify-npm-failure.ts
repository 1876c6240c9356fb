// Reads npm's output after a failed `npm ci` and says whose failure it is: the environment's (network, TLS,
// registry, credentials: exit 3) or the submission's (a lockfile that does not match package.json …), with npm's
// own reason line rather than its usage text.

export interface NpmFailure {
  kind: 'environment' | 'candidate';
  /** One line: what failed, in npm's words, and what to do. */
  message: string;
}

const environmentCodes =
  /\b(ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|ENETUNREACH|EPROTO|ERR_SOCKET_TIMEOUT|E5\d\d|E401|E403|EPERM|EACCES|ENOSPC|EROFS|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME_INVALID)\b/;
const environmentText = /network|socket hang up|request to .* failed|certificate|proxy|registry returned 5\d\d|no space left/i;

/** Classifies the failed install from npm's exit output. */
export function classifyNpmFailure(output: string): NpmFailure {
  const lines = output
    .split('\n')
    .map((line) => line.replace(/^npm (error|ERR!)\s?/, '').trim())
    .filter(Boolean);
  const code =
    lines
      .find((line) => line.startsWith('code '))
      ?.slice(5)
      .trim() ?? '';
  const mismatch = lines.filter((line) => /^(Missing: .* from lock file|Invalid: lock file's .* does not satisfy .*)$/.test(line));
  if (mismatch.length > 0) {
    return {
      kind: 'candidate',
      message: `package-lock.json does not match package.json: ${mismatch.slice(0, 3).join('; ')}${mismatch.length > 3 ? ` (and ${mismatch.length - 3} more)` : ''}. Run \`npm install\` and commit the updated package-lock.json.`,
    };
  }
  if (
    environmentCodes.test(code) ||
    (code === '' && environmentCodes.test(output)) ||
    environmentText.test(lines.find((line) => /request to|network|certificate|registry/i.test(line)) ?? '')
  ) {
    const reason =
      lines.find(
        (line) =>
          /request to .* failed|reason:|certificate|network|registry/i.test(line) &&
          !/^(This is a problem related to network connectivity|In most cases you are behind a proxy)/.test(line),
      ) ??
      lines.find((line) => !line.startsWith('code ') && !line.startsWith('errno ')) ??
      code;
    return {
      kind: 'environment',
      message: `npm could not reach the package registry (${code || 'network'}: ${reason}). This is the grading machine's network, proxy, CA or registry setting (HTTPS_PROXY, NODE_EXTRA_CA_CERTS, npm_config_registry), not the submission: fix it and grade again.`,
    };
  }
  if (code === 'E404' || code === 'ETARGET') {
    const reason = lines.find((line) => /404|not found|No matching version/i.test(line) && !line.startsWith('code ')) ?? code;
    return {
      kind: 'candidate',
      message: `a package of package-lock.json is not in the registry (${reason}). Check the name and version, run \`npm install\` and commit package-lock.json.`,
    };
  }
  if (code === 'EINTEGRITY')
    return {
      kind: 'candidate',
      message: `a package's checksum does not match package-lock.json (${lines.find((line) => /integrity|sha512/i.test(line)) ?? code}). Re-create package-lock.json with \`npm install\`.`,
    };
  const reason =
    lines.find((line) => !/^(code|errno|syscall|A complete log|Run `npm help)/.test(line) && !line.startsWith('Usage:')) ??
    `exit without a message`;
  return { kind: 'candidate', message: `npm ci failed (${code || 'no error code'}): ${reason}` };
}
