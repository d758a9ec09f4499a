/**
 * Prints one plain closing line, `vitest: N passed, N failed, N skipped`, after vitest's own
 * summary, so a CI reader that knows only that line can tell what ran; and, above it, how many of
 * the tests ran in process (projects `unit` and `process`: no socket of their own) and how many at
 * the seams (`integration`).
 */
import type { Reporter, TestCase, TestModule } from 'vitest/node';

const IN_PROCESS_PROJECTS = new Set(['unit', 'process']);

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0, pending: 0 };
    let inProcess = 0;
    let all = 0;
    for (const m of modules)
      for (const t of m.children.allTests() as Iterable<TestCase>) {
        counts[t.result().state]++;
        all++;
        if (IN_PROCESS_PROJECTS.has(m.project.name)) inProcess++;
      }
    const share = all ? Math.round((100 * inProcess) / all) : 0;
    process.stdout.write(
      `\nin process: ${inProcess} of ${all} tests (${share} %)` +
        `\nvitest: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped + counts.pending} skipped\n`,
    );
  }
}
