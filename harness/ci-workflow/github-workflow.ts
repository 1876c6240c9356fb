// The GitHub Actions workflows of an interviewer's private grading repository (a copy of this repository):
// `grade.yml` grades one candidate repository and ref given by hand; `grade-list.yml` grades every line of a
// list file, at most 256 jobs (GitHub's limit per matrix), then merges the results into one index and report.
// Each step calls one `bch` command that the tests also run; test/ci-workflow.test.ts runs the shell steps.
import { stringify } from 'yaml';

export interface WorkflowOptions {
  /** The challenge the list grades, and the one the dispatch form offers first. */
  challenge: string;
  /** Every challenge the dispatch form offers. */
  challenges: readonly string[];
  /** The file in the grading repository that lists submissions, one per line. */
  listFile: string;
  minScore: number;
  /** The repository secret with a token that can read private candidate repositories on GitHub. */
  tokenSecret: string;
  /** At most this many grading jobs per run (GitHub allows 256 per matrix). */
  maxJobs: number;
}

/** The workflow files, by name, as YAML text. */
export function githubGradingWorkflows(options: WorkflowOptions): Record<'grade.yml' | 'grade-list.yml', string> {
  return { 'grade.yml': oneSubmissionWorkflow(options), 'grade-list.yml': listWorkflow(options) };
}

const setup = [
  { uses: 'actions/checkout@v4' },
  { uses: 'actions/setup-node@v4', with: { 'node-version-file': '.nvmrc', cache: 'npm' } },
  { run: 'npm ci --no-audit --no-fund' },
];

/** What a grading job needs beyond `setup`: the service images (cached between runs) and the sandbox's tools. */
function gradingTools(challengeKey: string) {
  return [
    {
      name: 'Service images, kept between runs',
      uses: 'actions/cache@v4',
      with: { path: '~/.cache/bch-images', key: `bch-images-${challengeKey}-\${{ hashFiles('harness/services/**') }}` },
    },
    { run: 'npx bch ci images "$CHALLENGE" --dir ~/.cache/bch-images' },
    // The sandbox runs candidate code as nobody with memory and process limits, which needs root, and Ubuntu
    // 24.04 (ubuntu-latest) restricts unprivileged user namespaces through AppArmor: the grade runs as root
    // through the runner's passwordless sudo, with bubblewrap and pasta installed first (docs/scaling.md).
    { run: 'sudo apt-get update -qq && sudo apt-get install -y -qq bubblewrap passt' },
  ];
}

/**
 * Lets git read private repositories on github.com with the token, if the secret is set: an HTTP header in git's
 * configuration from the environment (as actions/checkout does), so the token is in no URL, no file and no result.
 */
const gitCredentials = [
  'if [ -n "$SUBMISSIONS_TOKEN" ]; then',
  `  basic=$(printf 'x-access-token:%s' "$SUBMISSIONS_TOKEN" | base64 -w0)`,
  '  echo "::add-mask::$basic"',
  '  export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=http.https://github.com/.extraheader GIT_CONFIG_VALUE_0="AUTHORIZATION: basic $basic"',
  'fi',
];

const grade = (args: string, minScore: number) =>
  `sudo -E env "PATH=$PATH" npx bch grade "$CHALLENGE" ${args} --quick --min-score ${minScore}`;

/** Builds the HTML report of a results folder, puts its index on the run's page and uploads both. */
function reportSteps(resultsDir: string) {
  return [
    {
      name: 'Report',
      if: 'always()',
      run: `npx bch report ${resultsDir} --html report/report.html && cat ${resultsDir}/index.md >> "$GITHUB_STEP_SUMMARY"`,
    },
    { if: 'always()', uses: 'actions/upload-artifact@v4', with: { name: 'results', path: resultsDir, 'if-no-files-found': 'warn' } },
    { if: 'always()', uses: 'actions/upload-artifact@v4', with: { name: 'report', path: 'report', 'if-no-files-found': 'warn' } },
  ];
}

function header(options: WorkflowOptions, what: string): string {
  return [
    `# Written by \`bch ci github\`. ${what}`,
    '# Needs: this repository private (it holds the hidden tests), Actions enabled, and, for private candidate',
    `# repositories on GitHub, the repository secret ${options.tokenSecret}: a fine-grained token with read access to`,
    '# their contents. Archives committed here and public repositories need no secret. docs/scaling.md walks it through.',
    '',
  ].join('\n');
}

function oneSubmissionWorkflow(options: WorkflowOptions): string {
  const workflow = {
    name: 'Grade one submission',
    'run-name': 'Grade ${{ inputs.repository }} ${{ inputs.ref }} (${{ inputs.challenge }})',
    on: {
      workflow_dispatch: {
        inputs: {
          repository: {
            description: "The candidate's repository: owner/name on GitHub, any git URL, or the path of an archive in this repository",
            required: true,
            type: 'string',
          },
          ref: { description: 'A branch, tag or commit (empty: the default branch)', required: false, type: 'string', default: '' },
          challenge: {
            description: 'The challenge',
            required: true,
            type: 'choice',
            options: [...options.challenges],
            default: options.challenge,
          },
        },
      },
    },
    permissions: { contents: 'read' },
    jobs: {
      grade: {
        'runs-on': 'ubuntu-latest',
        'timeout-minutes': 30,
        env: { CHALLENGE: '${{ inputs.challenge }}' },
        steps: [
          ...setup,
          ...gradingTools('${{ inputs.challenge }}'),
          {
            name: 'Grade',
            env: {
              REPOSITORY: '${{ inputs.repository }}',
              REF: '${{ inputs.ref }}',
              SUBMISSIONS_TOKEN: `\${{ secrets.${options.tokenSecret} }}`,
            },
            run: [
              ...gitCredentials,
              'submission="$REPOSITORY"',
              // owner/name is a GitHub repository unless this repository has a file or folder of that name.
              'if [[ "$submission" =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ && ! -e "$submission" ]]; then submission="https://github.com/$submission.git"; fi',
              'if [ -n "$REF" ]; then submission="$submission#$REF"; fi',
              grade('"$submission" --out results', options.minScore),
            ].join('\n'),
          },
          ...reportSteps('results'),
        ],
      },
    },
  };
  return `${header(options, 'Grades one submission: run it from the Actions tab.')}${stringify(workflow, { lineWidth: 0 })}`;
}

function listWorkflow(options: WorkflowOptions): string {
  const workflow = {
    name: `Grade ${options.challenge} submissions`,
    on: { workflow_dispatch: {} },
    permissions: { contents: 'read' },
    env: { CHALLENGE: options.challenge },
    jobs: {
      list: {
        'runs-on': 'ubuntu-latest',
        outputs: { matrix: '${{ steps.list.outputs.matrix }}' },
        steps: [...setup, { id: 'list', run: `npx bch ci matrix --list ${options.listFile} --max-jobs ${options.maxJobs}` }],
      },
      grade: {
        needs: 'list',
        name: 'grade ${{ matrix.id }}',
        'runs-on': 'ubuntu-latest',
        'timeout-minutes': 30,
        strategy: { 'fail-fast': false, matrix: { include: '${{ fromJSON(needs.list.outputs.matrix) }}' } },
        steps: [
          ...setup,
          ...gradingTools(options.challenge),
          {
            name: 'Grade',
            env: { ID: '${{ matrix.id }}', CHUNK: '${{ matrix.chunk }}', SUBMISSIONS_TOKEN: `\${{ secrets.${options.tokenSecret} }}` },
            run: [...gitCredentials, grade(`--list ${options.listFile} --chunk "$CHUNK" --out "results/$ID"`, options.minScore)].join('\n'),
          },
          {
            if: 'always()',
            uses: 'actions/upload-artifact@v4',
            with: { name: 'results-${{ matrix.id }}', path: 'results/${{ matrix.id }}', 'if-no-files-found': 'error' },
          },
        ],
      },
      merge: {
        needs: 'grade',
        if: 'always()',
        'runs-on': 'ubuntu-latest',
        steps: [
          ...setup,
          { uses: 'actions/download-artifact@v4', with: { pattern: 'results-*', path: 'artifacts' } },
          { run: 'npx bch results merge artifacts/* --out merged' },
          ...reportSteps('merged'),
        ],
      },
    },
  };
  return `${header(options, `Grades every submission ${options.listFile} lists: run it from the Actions tab.`)}${stringify(workflow, { lineWidth: 0 })}`;
}
