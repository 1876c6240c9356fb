// The `${{ … }}` expressions of GitHub Actions that the generated workflows use, and only those: context
// lookups (matrix, needs.<job>.outputs, steps.<id>.outputs, secrets, inputs), hashFiles('…'), fromJSON(…) and
// always(). Anything else throws, naming the expression, so a workflow that grows a new kind of expression makes
// the rehearsal fail instead of being rehearsed wrongly.

/** What the expressions of one step can read. */
export interface ExpressionContext {
  matrix?: Record<string, unknown>;
  needs?: Record<string, { outputs: Record<string, string> }>;
  steps?: Record<string, { outputs: Record<string, string> }>;
  secrets?: Record<string, string>;
  inputs?: Record<string, string>;
  /** hashFiles(pattern) in the job's workspace. */
  hashFiles?: (pattern: string) => Promise<string>;
}

const whole = /^\$\{\{\s*(.*?)\s*\}\}$/s;
const embedded = /\$\{\{\s*(.*?)\s*\}\}/gs;

/**
 * Evaluates `text`: a string that is exactly one expression gives that expression's value (fromJSON gives an
 * array or object, as GitHub's `matrix.include` needs); otherwise each expression is replaced by its text.
 */
export async function evaluateExpressions(text: string, context: ExpressionContext): Promise<unknown> {
  const single = whole.exec(text);
  if (single && !single[1].includes('}}')) return evaluate(single[1], context, text);
  let out = '';
  let last = 0;
  for (const match of text.matchAll(embedded)) {
    out += text.slice(last, match.index) + textOf(await evaluate(match[1], context, text));
    last = match.index + match[0].length;
  }
  return out + text.slice(last);
}

/** A value as GitHub writes it into a string: objects as JSON, null as empty. */
function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Every (string) value of an object, evaluated; other values kept as they are. */
export async function evaluateRecord(
  record: Record<string, unknown> | undefined,
  context: ExpressionContext,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record ?? {}))
    out[key] = typeof value === 'string' ? textOf(await evaluateExpressions(value, context)) : String(value);
  return out;
}

async function evaluate(expression: string, context: ExpressionContext, source: string): Promise<unknown> {
  const unknown = (why: string) =>
    new Error(
      `The rehearsal's expression evaluator does not know \${{ ${expression} }} (in "${source}"): ${why}. Teach it in test/support/workflow-expression.ts.`,
    );
  if (expression === 'always()') return true;
  const fromJson = /^fromJSON\((.+)\)$/.exec(expression);
  if (fromJson) return JSON.parse(textOf(await evaluate(fromJson[1].trim(), context, source)));
  const hash = /^hashFiles\('([^']+)'\)$/.exec(expression);
  if (hash) {
    if (!context.hashFiles) throw unknown('hashFiles is not available here');
    return context.hashFiles(hash[1]);
  }
  const path = expression.split('.');
  if (!path.every((part) => /^[A-Za-z_][\w-]*$/.test(part))) throw unknown('not a context lookup or a known function');
  const [root, ...rest] = path;
  const lookups: Record<string, () => unknown> = {
    matrix: () => (rest.length === 1 && context.matrix ? context.matrix[rest[0]] : undefined),
    needs: () => (rest.length === 3 && rest[1] === 'outputs' ? (context.needs?.[rest[0]]?.outputs[rest[2]] ?? '') : undefined),
    steps: () => (rest.length === 3 && rest[1] === 'outputs' ? (context.steps?.[rest[0]]?.outputs[rest[2]] ?? '') : undefined),
    // A secret that is not set is the empty string on GitHub.
    secrets: () => (rest.length === 1 ? (context.secrets?.[rest[0]] ?? '') : undefined),
    inputs: () => (rest.length === 1 ? (context.inputs?.[rest[0]] ?? '') : undefined),
  };
  const lookup = Object.hasOwn(lookups, root) ? lookups[root] : undefined;
  const value = lookup ? lookup() : undefined;
  if (value === undefined) throw unknown(lookup ? `nothing in context ${root} answers it` : `unknown context ${root}`);
  return value;
}
