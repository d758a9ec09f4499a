/**
 * Baseline: direct parallel calls to the departments for one enterprise (every route a full
 * profile needs), no gateway logic — the floor for a cold lookup.
 */
import { createServer } from 'node:http';
import { Agent, request } from 'undici';

const urls = JSON.parse(process.env.BASELINE_DEPARTMENTS!) as Record<string, string>;
const key = { 'x-app-key': process.env.BASELINE_APP_KEY ?? 'sandbox' };
const agent = new Agent({ connections: 256 });
const call = async (url: string, init: { method?: string; body?: string } = {}): Promise<number> => {
  const res = await request(url, {
    dispatcher: agent,
    method: (init.method ?? 'GET') as 'GET',
    body: init.body,
    headers: key,
  });
  return (await res.body.text()).length;
};
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    const u = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables: { u: string } }).variables
      .u;
    const sizes = await Promise.all([
      call(`${urls.tax}/api/v1/nsxy/batch`, { method: 'POST', body: JSON.stringify({ nsrsbhList: [u] }) }),
      call(`${urls.market}/samr/v2/entities/${u}`),
      call(`${urls.market}/samr/v2/entities/${u}/penalties?page=1&size=50`),
      call(`${urls.market}/samr/v2/entities/${u}/abnormal`),
      call(`${urls.market}/samr/v2/entities/${u}/serious-violations`),
      call(`${urls.environment}/ws/EnvCreditService`, {
        method: 'POST',
        body: `<QueryRequest><AppKey>sandbox</AppKey><Codes><Code>${u}</Code></Codes></QueryRequest>`,
      }),
      call(`${urls.court}/court/api/dishonest?ids=${u}`),
      call(`${urls.court}/court/api/enforced?ids=${u}`),
      call(`${urls.court}/court/api/restrictions?ids=${u}`),
      call(`${urls.credit}/credit/v1/subjects/${u}`),
    ]);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data: { bytes: sizes.reduce((a, b) => a + b, 0) } }));
  });
});
server.listen(0, '127.0.0.1', () =>
  console.log(`baseline listening on http://127.0.0.1:${(server.address() as { port: number }).port}`),
);
