// Hidden check of the process itself: configuration validated at start-up (SIGTERM is sigterm-drain's).
import { check, expectVariableRefused } from '../../../harness/testkit/index.ts';

check('lifecycle', async () => {
  await expectVariableRefused('PREFETCH', '4x', 'not an integer');
});
