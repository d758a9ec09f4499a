/**
 * The sandbox's world: every enterprise's code and name in memory, each enterprise built on
 * demand (generated worlds) or held (loaded world files), and the writes made since start kept
 * as an overlay, so the departments can change what they serve without re-generating anything.
 */
import { generateEnterprise } from './enterprise.ts';
import { identityOf, TRAITS, traitOf, type Trait, type WorldSpec } from './generate.ts';
import type { WorldEnterprise, WorldFile } from './schema.ts';

/** How many codes per trait `/__sandbox/world` shows. */
const SAMPLES_PER_TRAIT = 5;

/** The world every department serves from. */
export class World {
  readonly asOf: string;
  readonly seed: number | null;
  private readonly codes: string[];
  private readonly names: string[];
  private readonly indexByCode = new Map<string, number>();
  private readonly build: (i: number) => WorldEnterprise;
  private readonly traitAt: (i: number) => Trait | null;
  private readonly overlay = new Map<number, WorldEnterprise>();

  private constructor(opts: {
    asOf: string;
    seed: number | null;
    codes: string[];
    names: string[];
    build: (i: number) => WorldEnterprise;
    traitAt: (i: number) => Trait | null;
  }) {
    this.asOf = opts.asOf;
    this.seed = opts.seed;
    this.codes = opts.codes;
    this.names = opts.names;
    this.build = opts.build;
    this.traitAt = opts.traitAt;
    this.codes.forEach((c, i) => this.indexByCode.set(c, i));
  }

  /** A generated world: only codes and names are computed up front. */
  static generate(spec: WorldSpec): World {
    const codes = new Array<string>(spec.size);
    const names = new Array<string>(spec.size);
    for (let i = 0; i < spec.size; i++) {
      const id = identityOf(spec, i);
      codes[i] = id.uscc;
      names[i] = id.name;
    }
    return new World({
      asOf: spec.asOf,
      seed: spec.seed,
      codes,
      names,
      build: (i) => generateEnterprise(spec, i),
      traitAt: (i) => traitOf(spec, i),
    });
  }

  /** A world from a validated world file (held whole: a file is as large as its author made it). */
  static fromFile(file: WorldFile): World {
    const list = file.enterprises;
    return new World({
      asOf: file.asOf,
      seed: null,
      codes: list.map((e) => e.uscc),
      names: list.map((e) => e.name),
      build: (i) => structuredClone(list[i]!),
      traitAt: () => null,
    });
  }

  /** Number of enterprises. */
  get size(): number {
    return this.codes.length;
  }

  /** The enterprise with this code, or undefined. */
  get(uscc: string): WorldEnterprise | undefined {
    const i = this.indexByCode.get(uscc);
    return i === undefined ? undefined : this.at(i);
  }

  /** The trait the generator gave an enterprise and its place in registration order (trait null: a world from a file). */
  traitOf(uscc: string): { trait: Trait | null; index: number } | null {
    const i = this.indexByCode.get(uscc);
    return i === undefined ? null : { trait: this.traitAt(i), index: i };
  }

  /** The i-th enterprise in registration order. */
  at(i: number): WorldEnterprise {
    return this.overlay.get(i) ?? this.build(i);
  }

  /** Applies a change to one enterprise; it stays for the life of this world. */
  update(uscc: string, change: (e: WorldEnterprise) => void): WorldEnterprise | undefined {
    const i = this.indexByCode.get(uscc);
    if (i === undefined) return undefined;
    const e = this.at(i);
    change(e);
    this.overlay.set(i, e);
    return e;
  }

  /** Indexes (in registration order) of enterprises whose name contains `keyword`; all when empty. */
  search(
    keyword: string,
    offset: number,
    limit: number,
  ): { total: number; items: Array<{ uscc: string; name: string; index: number }> } {
    const items: Array<{ uscc: string; name: string; index: number }> = [];
    let total = 0;
    for (let i = 0; i < this.codes.length; i++) {
      if (keyword && !this.names[i]!.includes(keyword)) continue;
      if (total >= offset && items.length < limit)
        items.push({ uscc: this.codes[i]!, name: this.names[i]!, index: i });
      total++;
    }
    return { total, items };
  }

  /** A few codes for each trait, so a test or a newcomer can find an interesting enterprise. */
  samples(): Partial<Record<Trait, string[]>> {
    const out: Partial<Record<Trait, string[]>> = {};
    for (let i = 0; i < this.codes.length; i++) {
      const t = this.traitAt(i);
      if (t === null) continue;
      const list = (out[t] ??= []);
      if (list.length < SAMPLES_PER_TRAIT) list.push(this.codes[i]!);
      if (i > 20_000 && Object.keys(out).length === TRAITS.length) break;
    }
    return out;
  }

  /** Writes the world file, one enterprise at a time (never one 300,000-element string). */
  *toJsonChunks(): Generator<string> {
    yield `{"asOf":${JSON.stringify(this.asOf)},"enterprises":[`;
    for (let i = 0; i < this.size; i++) yield (i ? ',' : '') + JSON.stringify(this.at(i));
    yield ']}';
  }
}
