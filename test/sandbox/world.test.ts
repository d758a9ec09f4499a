import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeUscc, findUsccProblem } from '../../src/credit/uscc.ts';
import { generateEnterprise } from '../../sandbox/world/enterprise.ts';
import { TRAITS } from '../../sandbox/world/generate.ts';
import { parseWorldFile, WorldFileError } from '../../sandbox/world/loadWorldFile.ts';
import { World } from '../../sandbox/world/World.ts';

const spec = { seed: 42, size: 1500, asOf: '2026-11-01' };
const hashOf = (w: World): string => {
  const h = createHash('sha256');
  for (const chunk of w.toJsonChunks()) h.update(chunk);
  return h.digest('hex');
};

describe('world generator', () => {
  it('is deterministic: one seed, one world, byte for byte', () => {
    expect(hashOf(World.generate(spec))).toBe(hashOf(World.generate(spec)));
    expect(hashOf(World.generate({ ...spec, seed: 43 }))).not.toBe(hashOf(World.generate(spec)));
  });

  it('round-trips through the world file', () => {
    const w = World.generate(spec);
    const text = [...w.toJsonChunks()].join('');
    const loaded = World.fromFile(parseWorldFile(text));
    expect(loaded.size).toBe(spec.size);
    expect([...loaded.toJsonChunks()].join('')).toBe(text);
  });

  it('gives every enterprise a well-formed, unique code; only badChecksum fails its check character', () => {
    const w = World.generate(spec);
    const bad = new Set(w.samples().badChecksum);
    expect(bad.size).toBeGreaterThan(0);
    const seen = new Set<string>();
    const names = new Set<string>();
    for (let i = 0; i < w.size; i++) {
      const e = w.at(i);
      expect(findUsccProblem(e.uscc)).toBeNull();
      const d = decodeUscc(e.uscc);
      expect(d.organizationCodeValid).toBe(true);
      expect(d.checksumValid).toBe(!bad.has(e.uscc));
      expect(['441502', '441521', '441523', '441581']).toContain(d.regionCode);
      expect(e.legalRep.idNo).toMatch(/^\d{17}[\dX]$/);
      seen.add(e.uscc);
      names.add(e.name);
    }
    expect(seen.size).toBe(spec.size);
    expect(names.size).toBe(spec.size);
  });

  it('has every trait, and a city-like distribution', () => {
    const w = World.generate({ ...spec, size: 5000 });
    const s = w.samples();
    for (const t of TRAITS) expect(s[t]?.length, t).toBeGreaterThan(0);
    let clean = 0;
    let individual = 0;
    const grades: Record<string, number> = {};
    for (let i = 0; i < w.size; i++) {
      const e = w.at(i);
      const negative =
        e.market.penalties.length +
        e.tax.penalties.length +
        e.court.enforced.length +
        e.market.abnormal.length;
      if (negative === 0) clean++;
      if (e.uscc.startsWith('92')) individual++;
      const latest = e.tax.ratings[0]!.grade;
      grades[latest] = (grades[latest] ?? 0) + 1;
    }
    expect(clean / w.size).toBeGreaterThan(0.6);
    expect(individual / w.size).toBeGreaterThan(0.1);
    expect(grades.B!).toBeGreaterThan(grades.A!);
    expect(grades.A!).toBeGreaterThan((grades.C ?? 0) + (grades.D ?? 0));
  });

  it('dates every record on or before asOf', () => {
    for (let i = 0; i < 200; i++) {
      const text = JSON.stringify(generateEnterprise(spec, i));
      for (const d of text.match(/\d{4}-\d{2}-\d{2}/g) ?? []) expect(d <= spec.asOf, d).toBe(true);
    }
  });
});

describe('world file loader', () => {
  const good = (): { asOf: string; enterprises: unknown[] } => ({
    asOf: '2026-11-01',
    enterprises: [generateEnterprise(spec, 3)],
  });

  it.each([
    ['enterprises[0].tax.arrears', (f: any) => (f.enterprises[0].tax.arrears = 12.5)],
    ['enterprises[0].uscc', (f: any) => (f.enterprises[0].uscc = 'NOT-A-CODE')],
    ['enterprises[0].regStatus', (f: any) => (f.enterprises[0].regStatus = 'alive')],
    ['enterprises[0].estDate', (f: any) => (f.enterprises[0].estDate = '2023-02-30')],
    ['enterprises[0].court', (f: any) => delete f.enterprises[0].court],
    ['enterprises[0].extra', (f: any) => (f.enterprises[0].extra = 1)],
    ['asOf', (f: any) => (f.asOf = '01/11/2026')],
    ['enterprises[1].uscc', (f: any) => f.enterprises.push(structuredClone(f.enterprises[0]))],
  ])('refuses a bad file naming %s', (path, breakIt) => {
    const f = good();
    breakIt(f);
    try {
      parseWorldFile(JSON.stringify(f), 'w.json');
      expect.unreachable('accepted a bad world file');
    } catch (err) {
      expect(err).toBeInstanceOf(WorldFileError);
      expect((err as WorldFileError).fieldPath).toBe(path);
    }
  });

  it('refuses text that is not JSON', () => {
    expect(() => parseWorldFile('{', 'w.json')).toThrow(WorldFileError);
  });
});
