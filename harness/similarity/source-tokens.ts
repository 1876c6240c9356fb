// The tokens similarity compares: a TypeScript or JavaScript source as its keywords and punctuation, with every
// other name, string and number reduced to its kind, and no comment or white space. Renaming variables and
// reformatting the code change none of them, which is what a copy that was disguised does. Each token keeps where
// it is in the source (0-based row and column), so a shared fragment can be shown.
import jsTokens from 'js-tokens';

export interface SourceTokens {
  tokens: string[];
  /** Per token: [startRow, startCol, endRow, endCol]. */
  places: Array<[number, number, number, number]>;
}

const keywords = new Set(
  (
    'abstract any as async await boolean break case catch class const constructor continue debugger declare default delete do else ' +
    'enum export extends false finally for from function get if implements import in infer instanceof interface is keyof let module ' +
    'namespace never new null number object of private protected public readonly return satisfies set static string super switch ' +
    'symbol this throw true try type typeof undefined unique unknown var void while with yield'
  ).split(' '),
);

const kinds: Record<string, string | undefined> = {
  StringLiteral: '"s"',
  NoSubstitutionTemplate: '`t`',
  TemplateHead: '`t${',
  TemplateMiddle: '}t${',
  TemplateTail: '}t`',
  RegularExpressionLiteral: '/r/',
  NumericLiteral: '0',
  PrivateIdentifier: '#id',
};

export function sourceTokens(content: string): SourceTokens {
  const tokens: string[] = [];
  const places: SourceTokens['places'] = [];
  let row = 0;
  let col = 0;
  for (const token of jsTokens(content)) {
    const startRow = row;
    const startCol = col;
    const lines = token.value.split(/\r\n|[\n\r\u2028\u2029]/);
    if (lines.length > 1) {
      row += lines.length - 1;
      col = lines.at(-1)!.length;
    } else col += token.value.length;
    const normal = normalize(token.type, token.value);
    if (normal === undefined) continue;
    tokens.push(normal);
    places.push([startRow, startCol, row, col]);
  }
  return { tokens, places };
}

function normalize(type: string, value: string): string | undefined {
  switch (type) {
    case 'WhiteSpace':
    case 'LineTerminatorSequence':
    case 'MultiLineComment':
    case 'SingleLineComment':
    case 'HashbangComment':
      return undefined;
    case 'IdentifierName':
      return keywords.has(value) ? value : 'id';
    case 'Punctuator':
      return value;
    default:
      return kinds[type] ?? type;
  }
}
