import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { headersFor, startTestGateway } from '/work/main/test/helpers/gateway.ts';
import { samples, startTestSandbox } from '/work/main/test/helpers/sandbox.ts';
const sb = await startTestSandbox();
const gw = await startTestGateway(sb);
const t = await samples(sb);
for (const trait of ['generalPenalty', 'seriousPenalty', 'repaired', 'dishonestDebtor', 'clean']) {
  const uscc = t[trait]![0]!;
  const h = await headersFor({ role: 'enterprise', uscc, purpose: 'SELF_QUERY' });
  const res = await fetch(`${gw.url}/reports/${uscc}.pdf`, { headers: h });
  const f = `/tmp/probe-${trait}.pdf`;
  writeFileSync(f, Buffer.from(await res.arrayBuffer()));
  const text = execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
  const pages = text.split('\f').filter((p) => p.trim());
  console.log(`== ${trait}: ${pages.length} pages`);
  pages.forEach((p, i) => console.log(`-- page ${i + 1}: ${p.trim().split('\n').length} lines; starts: ${p.trim().slice(0, 60).replace(/\n/g, ' ')}`));
}
await gw.close();
await sb.close();
