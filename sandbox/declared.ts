/**
 * The declared departments in the sandbox: each served from its declaration's
 * simulation section — a JSONata expression giving an enterprise's answer from the world's
 * enterprise, `$pick(salt, n)` a deterministic integer in [0, n) from the world's seed, the code and
 * the salt — on its own port, behind the same app-key check, fault switches and request counts as
 * the five. Nothing here names a declared department: a ninth is served from its file alone.
 */
import { createHash } from 'node:crypto';
import jsonata from 'jsonata';
import type { DeclaredDepartment } from '../src/departments/declared/declarations.ts';
import type { DepartmentDefinition } from './departmentServer.ts';
import { json, type Reply, type Route } from './http.ts';
import type { World } from './world/World.ts';

/** Enterprises looked at for each declared trait's samples. */
const SAMPLED = 2_000;
const SAMPLES_PER_TRAIT = 5;

/** One declared department's simulation: every enterprise's answer, computed once. */
export class DeclaredSimulation {
  private readonly answers = new Map<string, Promise<unknown>>();
  private readonly answer: jsonata.Expression;

  constructor(
    readonly declaration: DeclaredDepartment,
    private readonly world: World,
    private readonly seed: number,
  ) {
    this.answer = jsonata(declaration.simulation.answer);
  }

  /** The department's answer for a code: null when it does not know the enterprise. */
  answerFor(uscc: string): Promise<unknown> {
    let a = this.answers.get(uscc);
    if (!a) {
      const e = this.world.get(uscc);
      const pick = (salt: unknown, n: unknown): number =>
        createHash('sha256')
          .update(`${this.seed}:${uscc}:${String(salt)}`)
          .digest()
          .readUInt32BE(0) % Math.max(1, Number(n));
      // `$trait` and `$index`: the trait the world gave the enterprise and its place in registration
      // order, so a simulation can keep its negative answers away from the five's trait samples.
      const place = this.world.traitOf(uscc);
      a = e
        ? this.answer
            .evaluate(e, { pick, trait: place?.trait ?? null, index: place?.index ?? -1 })
            .then((v) => v ?? null)
        : Promise.resolve(null);
      this.answers.set(uscc, a);
    }
    return a;
  }

  /** A few codes per declared trait, among the world's first enterprises. */
  async samples(): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const [trait, source] of Object.entries(this.declaration.simulation.traits ?? {})) {
      const test = jsonata(source);
      const found: string[] = [];
      for (let i = 0; i < Math.min(SAMPLED, this.world.size) && found.length < SAMPLES_PER_TRAIT; i++) {
        const uscc = this.world.at(i).uscc;
        const a = await this.answerFor(uscc);
        if (a !== null && (await test.evaluate(a)) === true) found.push(uscc);
      }
      out[trait] = found;
    }
    return out;
  }

  /** The department as a sandbox definition: its one route, by the declared mode. */
  definition(): DepartmentDefinition {
    const d = this.declaration;
    const [path, query = ''] = d.fetch.path.split('?');
    const escaped = path!.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '{' || c === '}' ? c : `\\${c}`));
    const pattern = new RegExp(`^${escaped.replace('{uscc}', '([^/]+)')}$`);
    const param = (name: string) =>
      [...new URLSearchParams(query).entries()].find(([, v]) => v === `{${name}}`)?.[0];
    const envelope = d.simulation.envelope ? jsonata(d.simulation.envelope) : null;
    const handle = async (req: {
      params: string[];
      query: URLSearchParams;
      body: string;
    }): Promise<Reply> => {
      if (d.fetch.mode === 'perCode') {
        const a = await this.answerFor(req.params[0]!);
        return a === null ? json(404, { error: 'not found' }) : json(200, a);
      }
      if (d.fetch.mode === 'paged') {
        const uscc = req.query.get(param('uscc') ?? '') ?? '';
        const page = Math.max(1, Number(req.query.get(param('page') ?? '') ?? 1) || 1);
        const size = Math.max(1, Number(req.query.get(param('size') ?? '') ?? 100) || 100);
        const rows = ((await this.answerFor(uscc)) as unknown[] | null) ?? [];
        const items = rows.slice((page - 1) * size, page * size);
        return json(200, await envelope!.evaluate({ items, total: rows.length, page, size }));
      }
      let codes: unknown;
      try {
        codes = await jsonata(d.simulation.codes ?? '$').evaluate(JSON.parse(req.body));
      } catch {
        return json(400, { error: 'body is not JSON' });
      }
      const list = Array.isArray(codes) ? codes : [codes];
      if (list.length > (d.fetch.batchLimit ?? 1)) return json(400, { error: 'too many codes' });
      const items = (await Promise.all(list.map((u) => this.answerFor(String(u))))).filter((a) => a !== null);
      return json(200, await envelope!.evaluate({ items }));
    };
    const route: Route = {
      method: d.fetch.method,
      pattern,
      key: `${d.fetch.method} ${path}`,
      handle,
    };
    return {
      name: d.key,
      routes: [route],
      appKeyHeader: d.auth?.header.toLowerCase(),
      errorReply: () => json(500, { error: 'internal error' }),
      notFoundReply: () => json(404, { error: 'no such route' }),
      unauthorizedReply: () => json(401, { error: 'bad app key' }),
    };
  }
}
