// A short Markdown summary of one grade, for a pull request or GitHub's job summary ($GITHUB_STEP_SUMMARY).
import type { CheckResult, GradeResult } from '../grading/grade-result.ts';
import { checkStateLabel } from './check-state-label.ts';
import { formatDuration } from './format-duration.ts';
import { formatLoadFigures } from './format-load-figures.ts';
import { formatRuleEvaluation } from './format-rule-evaluation.ts';
import { sandboxNotice } from './sandbox-notice.ts';
import { sanitizeText } from './sanitize-text.ts';
import { untrustedGradeNotice } from './untrusted-grade-notice.ts';

/** Renders one grade: a heading with the score and status, a table of checks, then what failed. */
export function toMarkdownSummary(result: GradeResult): string {
  const lines = [
    `### ${escapeMarkdown(result.challenge.title)} (\`${result.challenge.id}\`): ${result.score}/${result.maxScore} ${result.status.toUpperCase()}`,
    '',
    `Submission \`${sanitizeText(result.submission).replace(/`/g, "'")}\`, ${result.suite} suite, min score ${result.minScore}%: ${result.meetsMinScore ? 'met' : 'not met'}, ${formatDuration(result.durationMs)}`,
    '',
  ];
  const sandbox = sandboxNotice(result);
  lines.push(sandbox.sandboxed ? `Candidate code ran ${sandbox.text}.` : `> **Warning:** ${sandbox.text}.`, '');
  if (result.status === 'error') {
    const { culprit, explanation } = untrustedGradeNotice(result);
    lines.push(`> **${culprit}** ${explanation}`);
    if (result.message) lines.push(`> ${escapeMarkdown(result.message).replace(/\n/g, '\n> ')}`);
    lines.push('');
  } else if (result.message) {
    lines.push(escapeMarkdown(result.message), '');
  }
  lines.push('| Check | Category | Result | Points | Time |', '| --- | --- | --- | ---: | ---: |', ...result.checks.map(tableRow));
  const notPassed = result.checks.filter((check) => check.state !== 'passed');
  if (notPassed.length > 0) lines.push('', '#### What failed', '', ...notPassed.flatMap(failureItem));
  return `${lines.join('\n')}\n`;
}

/** One table row of a check. */
function tableRow(check: CheckResult): string {
  const cells = [
    `\`${check.id}\` ${escapeMarkdown(check.title)}`,
    check.category,
    checkStateLabel(check.state),
    `${check.score}/${check.weight}`,
    formatDuration(check.durationMs),
  ];
  return `| ${cells.join(' | ')} |`;
}

/** One "What failed" list item: the check, its message, and its load rules beside the measured figures. */
function failureItem(check: CheckResult): string[] {
  const message = check.message ?? (check.state === 'timeout' ? 'the check timed out' : '');
  const head = `- **\`${check.id}\`** ${escapeMarkdown(check.title)} (${checkStateLabel(check.state)})${message ? `: ${indent(escapeMarkdown(message))}` : ''}`;
  if (!check.load) return [head];
  return [
    head,
    `  - measured: ${formatLoadFigures(check.load.metrics)}`,
    ...check.load.rules.map((rule) => `  - ${formatRuleEvaluation(rule).replace(rule.rule, `\`${rule.rule}\``)}`),
  ];
}

/** Indents continuation lines so a multi-line message stays inside its list item. */
function indent(text: string): string {
  return text.replace(/\n/g, '\n  ');
}

/** Strips control characters and escapes text so Markdown and GitHub's HTML rendering show it as written, and table pipes stay inside cells. */
function escapeMarkdown(text: string): string {
  return sanitizeText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#])/g, '\\$1');
}
