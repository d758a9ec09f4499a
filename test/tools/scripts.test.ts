/**
 * First contact with the tools: `--help` on every script, the token tool refusing a
 * token the gateway would reject, audit:verify on a missing file. Each is run as a person runs it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const run = (script: string, args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('the scripts, as a newcomer meets them', () => {
  it.each([
    ['scripts/token.ts', 'npm run token'],
    ['sandbox/cli.ts', 'npm run sandbox'],
    ['scripts/bank-pull/bankPull.ts', 'npm run bank-pull'],
    ['scripts/audit-verify.ts', 'npm run audit:verify'],
    ['scripts/config-check.ts', 'npm run config:check'],
    ['scripts/rules-check.ts', 'npm run rules:check'],
    // The benchmark's scripts answer --help without running anything (bench crashed; bench:profile ran a whole profile).
    ['bench/run.ts', 'npm run bench'],
    ['bench/profile.ts', 'npm run bench:profile'],
  ])('%s --help says how to use it and exits 0', (script, usage) => {
    const r = run(script, ['--help']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(usage);
    expect(r.stdout.split('\n').length).toBeGreaterThan(3);
  });

  it('the token tool mints what the gateway accepts, and refuses what it would reject, saying why', () => {
    const ok = run('scripts/token.ts', ['--role', 'clerk', '--org', 'hall-1']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const cases: Array<[string[], RegExp]> = [
      [
        ['--role', 'bank'],
        /not minted: the gateway would refuse this token — a bank token must name its org/,
      ],
      [['--role', 'enterprise', '--uscc', 'BAD'], /an enterprise token must name a valid uscc/],
      // A well-formed code with the wrong check character (the 18th) is refused too.
      [
        ['--role', 'enterprise', '--uscc', '91441500MA4W5R3X2A'],
        /an enterprise token must name a valid uscc — position 18: the check character is R, not A/,
      ],
      [['--role', 'department', '--org', 'POLICE'], /a department token must name its department/],
      [['--role', 'superuser'], /--role must be one of/],
      [['--role', 'clerk', '--org', 'h', '--ttl', '0'], /--ttl must be whole seconds/],
      [['--role', 'clerk', '--org', 'h', '--ttl', '9999999'], /--ttl must be whole seconds/],
    ];
    for (const [args, message] of cases) {
      const r = run('scripts/token.ts', args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });

  it('the token tool says how long its tokens live: the 8 hours they do', () => {
    expect(run('scripts/token.ts', ['--help']).stdout).toContain('default 28800');
  });

  it('rules:check passes the shipped rule sets and lists every problem of a bad draft, exit code 1', () => {
    const ok = run('scripts/rules-check.ts', [
      'src/credit/rulesets/default.json',
      'src/credit/rulesets/shanwei.json',
    ]);
    expect(ok.status, ok.stdout).toBe(0);
    expect(ok.stdout).toMatch(/shanwei\.json: ok — shanwei-four-level .* 广东省汕尾市/);
    const draft = JSON.parse(readFileSync('src/credit/rulesets/shanwei.json', 'utf8'));
    draft.documents.LANGFANG = {
      title: '廊坊市人民政府办公室关于推进企业信用分级分类监管工作的实施意见',
      level: 'CITY',
      region: { province: '河北省', city: '廊坊市' },
    };
    const honours = draft.measures.find((m: { code: string }) => m.code === 'HONOURS_RESTRICTED');
    honours.basis = [{ document: 'LANGFANG', clause: '四（二）' }];
    const tolerance = draft.measures.find((m: { code: string }) => m.code === 'TOLERANCE_ACCEPTANCE');
    tolerance.when.cleanMonths = 12;
    const file = join(mkdtempSync(join(tmpdir(), 'rules-')), 'draft.json');
    writeFileSync(file, JSON.stringify(draft));
    const bad = run('scripts/rules-check.ts', [file]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('REFUSED, 3 problems:');
    expect(bad.stdout).toMatch(/HONOURS_RESTRICTED cites 《廊坊市.*outside this rule set's jurisdiction/);
    expect(bad.stdout).toMatch(/HONOURS_RESTRICTED is punitive but cites only/);
    expect(bad.stdout).toMatch(/TOLERANCE_ACCEPTANCE cites .*asks for 36 months .* asks for 12/);
  });

  it('audit:verify on a missing file says so cleanly', () => {
    const r = run('scripts/audit-verify.ts', ['/nonexistent/replica.jsonl']);
    expect(r.status).toBe(1);
    expect(r.stdout.trim()).toBe('/nonexistent/replica.jsonl: no such file');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });
});
