// The end-of-grade block of the terminal reporter: the score table, the total, and what failed.
import Table from 'cli-table3';
import type pc from 'picocolors';
import type { CheckResult, GradeResult } from '../grading/grade-result.ts';
import { checkStateLabel } from './check-state-label.ts';
import { formatLoadFigures } from './format-load-figures.ts';
import { formatRuleEvaluation } from './format-rule-evaluation.ts';
import { lastLines } from './last-lines.ts';
import { sanitizeText } from './sanitize-text.ts';
import { terminalSymbol } from './terminal-symbol.ts';
import { sandboxNotice } from './sandbox-notice.ts';
import { untrustedGradeNotice } from './untrusted-grade-notice.ts';

type Colors = ReturnType<typeof pc.createColors>;

/** How many last lines of the candidate's output the terminal shows under a failed check. */
const outputLines = 15;

/** Renders the summary of one grade as plain lines (colours only when `colors` has them on). */
export function renderGradeSummary(result: GradeResult, colors: Colors): string {
  // Public tests score no points and have no category: their table is the test and its result.
  const isPublic = result.suite === 'public';
  const table = new Table({
    head: (isPublic ? ['Public test', 'Result'] : ['Check', 'Category', 'Result', 'Points']).map((h) => colors.bold(h)),
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colAligns: isPublic ? ['left', 'left'] : ['left', 'left', 'left', 'right'],
  });
  for (const check of result.checks)
    table.push(
      isPublic
        ? [sanitizeText(check.title), resultCell(check, colors)]
        : [check.id, check.category, resultCell(check, colors), `${check.score}/${check.weight}`],
    );
  const sandbox = sandboxNotice(result);
  const lines = [
    '',
    `Result for ${sanitizeText(result.submission)}: ${statusWord(result, colors)}`,
    table.toString(),
    totalLine(result, colors),
    sandbox.sandboxed ? colors.dim(sandbox.text) : colors.yellow(colors.bold(`! ${sandbox.text}`)),
  ];
  if (result.status === 'error') {
    const { culprit, explanation } = untrustedGradeNotice(result);
    lines.push(colors.magenta(colors.bold(`! ${culprit} ${explanation}`)));
  }
  if (result.message) lines.push(indent(sanitizeText(result.message), '  '));
  const notPassed = result.checks.filter((check) => check.state !== 'passed');
  if (notPassed.length > 0) lines.push('', colors.bold('What failed'), ...notPassed.flatMap((check) => failureLines(check, colors)));
  return `${lines.join('\n')}\n`;
}

/** Hidden checks: the score against --min-score. Public tests: how many passed (they have no minimum; any failure exits 1). */
function totalLine(result: GradeResult, colors: Colors): string {
  if (result.suite === 'public') {
    const passed = result.checks.filter((check) => check.state === 'passed').length;
    return colors.bold(`Public tests: ${passed}/${result.checks.length} passed`);
  }
  const min = `min ${result.minScore}%: ${result.meetsMinScore ? colors.green('met') : colors.red('not met')}`;
  return `${colors.bold(`Score: ${result.score}/${result.maxScore}`)} (${min})`;
}

/** The table's result cell: mark and label. */
function resultCell(check: CheckResult, colors: Colors): string {
  return `${terminalSymbol(check.state, colors)} ${checkStateLabel(check.state)}`;
}

/** PASS, FAIL or ERROR, coloured. */
function statusWord(result: GradeResult, colors: Colors): string {
  const word = result.status.toUpperCase();
  return result.status === 'pass' ? colors.green(word) : result.status === 'fail' ? colors.red(word) : colors.magenta(word);
}

/** One non-passed check: its mark, id and title, then its message, rules and output tail, indented. */
function failureLines(check: CheckResult, colors: Colors): string[] {
  const name = check.id === check.title ? sanitizeText(check.title) : `${check.id}  ${check.title}`;
  const lines = [`  ${terminalSymbol(check.state, colors)} ${name}  (${checkStateLabel(check.state)})`];
  const message = check.message ?? (check.state === 'timeout' ? 'the check timed out' : undefined);
  if (message) lines.push(indent(sanitizeText(message), '      '));
  if (check.load) {
    lines.push(`      measured: ${formatLoadFigures(check.load.metrics)}`);
    for (const rule of check.load.rules)
      lines.push(`      ${rule.passed ? formatRuleEvaluation(rule) : colors.red(formatRuleEvaluation(rule))}`);
  }
  const output = lastLines(check.output, outputLines);
  if (output.length > 0)
    lines.push(colors.dim(`      output (last ${output.length} lines):`), ...output.map((line) => colors.dim(`      | ${line}`)));
  return lines;
}

/** Prefixes every line of the text. */
function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
