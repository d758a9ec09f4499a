/**
 * The conformance probe: each shipped declared department, served by the sandbox,
 * keeps to its declaration; a system whose answers lack a field the declaration requires is named,
 * field and path, by the probe.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeclaredSimulation } from '../../sandbox/declared.ts';
import { createDepartmentServer } from '../../sandbox/departmentServer.ts';
import { FaultState } from '../../sandbox/faults.ts';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { RequestStats } from '../../sandbox/stats.ts';
import { declaredDepartments } from '../../src/departments/declared/declarations.ts';
import { probeDepartment } from '../../src/departments/declared/probe.ts';
import { startTestSandbox, TEST_AS_OF } from '../helpers/sandbox.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());

/** Codes of ordinary enterprises past the first hundred: those the simulations give records to. */
const codes = () => Array.from({ length: 40 }, (_, i) => sb.world.at(100 + i * 11).uscc);

describe('departments:probe', () => {
  it.each(declaredDepartments().map((d) => [d.name, d] as const))(
    '%s in the sandbox keeps to its declaration',
    async (_n, d) => {
      const report = await probeDepartment(d, sb.declaredUrls[d.name]!, codes(), sb.appKey, TEST_AS_OF);
      expect(report.problems).toEqual([]);
      expect(report.calls).toBeGreaterThan(0);
    },
  );

  it('names a field the system leaves out', async () => {
    const d = declaredDepartments().find((x) => x.fetch.mode === 'perCode' && x.fetch.response.required)!;
    const field = (d.fetch.response.required as string[])[0]!;
    // The same department, but a system whose answers omit that field.
    const broken = {
      ...d,
      simulation: {
        ...d.simulation,
        answer: `$sift((${d.simulation.answer}), function($v, $k) { $k != "${field}" })`,
      },
    };
    const server: Server = createDepartmentServer({
      definition: new DeclaredSimulation(broken, sb.world, 1).definition(),
      faults: new FaultState(1),
      stats: new RequestStats(),
      appKey: 'k',
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const report = await probeDepartment(d, url, codes().slice(0, 3), 'k', TEST_AS_OF);
      expect(report.problems.length).toBeGreaterThan(0);
      expect(report.problems.every((p) => p.includes(`must have required property '${field}'`))).toBe(true);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
