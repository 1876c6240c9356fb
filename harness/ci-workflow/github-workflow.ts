// The GitHub Actions workflow of an interviewer's private grading repository: dispatch with one submission, or
// grade every line of a list, one runner per submission (a matrix), then merge the results into one index.
// Each step calls one `bch` command that the tests also run.
import { stringify } from 'yaml';

export interface WorkflowOptions {
  challenge: string;
  /** The file in the grading repository that lists submissions, one per line. */
  listFile: string;
  minScore: number;
}

/** The workflow as YAML text. */
export function githubGradingWorkflow(options: WorkflowOptions): string {
  const setup = [
    { uses: 'actions/checkout@v4' },
    { uses: 'actions/setup-node@v4', with: { 'node-version-file': '.nvmrc', cache: 'npm' } },
    { run: 'npm ci --no-audit --no-fund' },
  ];
  const workflow = {
    name: `Grade ${options.challenge} submissions`,
    on: {
      workflow_dispatch: {
        inputs: {
          submission: {
            description: `One submission: a git URL (optionally #ref), or the path of an archive in this repository. Empty: every line of ${options.listFile}.`,
            required: false,
            type: 'string',
            default: '',
          },
        },
      },
    },
    permissions: { contents: 'read' },
    jobs: {
      list: {
        'runs-on': 'ubuntu-latest',
        outputs: { submissions: '${{ steps.list.outputs.submissions }}' },
        steps: [
          ...setup,
          {
            id: 'list',
            run: `npx bch ci matrix --list ${options.listFile} --submission "$SUBMISSION"`,
            env: { SUBMISSION: '${{ inputs.submission }}' },
          },
        ],
      },
      grade: {
        needs: 'list',
        'runs-on': 'ubuntu-latest',
        'timeout-minutes': 30,
        strategy: { 'fail-fast': false, matrix: { include: '${{ fromJSON(needs.list.outputs.submissions) }}' } },
        steps: [
          ...setup,
          // The sandbox runs candidate code as nobody with memory and process limits, which needs root, and Ubuntu
          // 24.04 (ubuntu-latest) restricts unprivileged user namespaces through AppArmor: the grade runs as root
          // through the runner's passwordless sudo, with bubblewrap and pasta installed first (docs/scaling.md).
          { run: 'sudo apt-get update -qq && sudo apt-get install -y -qq bubblewrap passt' },
          {
            run: `sudo -E env "PATH=$PATH" npx bch grade ${options.challenge} "$SUBMISSION" --out "results/$ID" --id "$ID" --quick --min-score ${options.minScore}`,
            env: { SUBMISSION: '${{ matrix.submission }}', ID: '${{ matrix.id }}' },
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
          { run: 'npx bch results merge artifacts/* --out merged && cat merged/index.md >> "$GITHUB_STEP_SUMMARY"' },
          { uses: 'actions/upload-artifact@v4', with: { name: 'results', path: 'merged' } },
        ],
      },
    },
  };
  return `# Written by \`bch ci github\`. Grades ${options.challenge} submissions: run it from the Actions tab.\n${stringify(workflow, { lineWidth: 0 })}`;
}
