/**
 * Baseline: a bare node HTTP server answering the same JSON from an in-process map — the ceiling
 * for warm lookups on this machine. Reads the map from the file named in BASELINE_MAP.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const answers = new Map<string, string>(
  Object.entries(JSON.parse(readFileSync(process.env.BASELINE_MAP!, 'utf8')) as Record<string, unknown>).map(
    ([k, v]) => [k, JSON.stringify(v)],
  ),
);
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables?: { u?: string } };
    const answer = answers.get(body.variables?.u ?? '') ?? '{"data":null}';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(answer);
  });
});
server.listen(0, '127.0.0.1', () =>
  console.log(`baseline listening on http://127.0.0.1:${(server.address() as { port: number }).port}`),
);
