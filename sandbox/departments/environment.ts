/** Ecology and environment (connectors/environment/wire.ts): XML over HTTP, batches of at most 50, `YYYYMMDD` dates. */
import { XMLParser } from 'fast-xml-parser';
import { ENVIRONMENT_BATCH_LIMIT } from '../../connectors/environment/wire.ts';
import type { DepartmentDefinition } from '../departmentServer.ts';
import { escapeHtml as escapeXml } from '../../src/util/escapeHtml.ts';
import { xml } from '../http.ts';
import type { World } from '../world/World.ts';
import type { WorldEnterprise } from '../world/schema.ts';

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => name === 'Code',
});

const compact = (iso: string): string => iso.replaceAll('-', '');

/** One `<Enterprise>` element. */
export function toEnvironmentXml(e: WorldEnterprise): string {
  const ratings = [...e.environment.ratings]
    .sort((a, b) => b.year - a.year)
    .map((r) => `<Rating year="${r.year}" card="${r.card}"/>`);
  const penalties = e.environment.penalties.map(
    (p) =>
      `<Penalty docNo="${escapeXml(p.id)}" date="${compact(p.date)}" kind="${escapeXml(p.kinds.join('、'))}" amount="${p.amount ? p.amount.replace(/\.00$/, '') : ''}" fact="${escapeXml(p.fact)}"/>`,
  );
  return `<Enterprise code="${e.uscc}">${ratings.join('')}${penalties.join('')}</Enterprise>`;
}

const errorXml = (message: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><QueryResponse><Status>ERROR</Status><Message>${escapeXml(message)}</Message></QueryResponse>`;

/** The environment department over a world. */
export function environmentDepartment(world: World, appKey: string): DepartmentDefinition {
  return {
    name: 'environment',
    routes: [
      {
        method: 'POST',
        pattern: /^\/ws\/EnvCreditService$/,
        key: 'POST /ws/EnvCreditService',
        handle: ({ body }) => {
          let doc: { QueryRequest?: { AppKey?: string; Codes?: { Code?: string[] } | '' } };
          try {
            doc = parser.parse(body, true) as typeof doc;
          } catch {
            return xml(200, errorXml('请求报文格式错误'));
          }
          const request = doc.QueryRequest;
          if (!request) return xml(200, errorXml('请求报文格式错误'));
          if (request.AppKey !== appKey) return xml(200, errorXml('AppKey无效'));
          const codes = (typeof request.Codes === 'object' ? request.Codes.Code : undefined) ?? [];
          if (codes.length === 0 || codes.length > ENVIRONMENT_BATCH_LIMIT)
            return xml(200, errorXml(`Codes数量须在1至${ENVIRONMENT_BATCH_LIMIT}之间`));
          const found = codes.flatMap((c) => {
            const e = world.get(String(c).trim());
            return e ? [toEnvironmentXml(e)] : [];
          });
          return xml(
            200,
            `<?xml version="1.0" encoding="UTF-8"?><QueryResponse><Status>OK</Status>${found.join('')}</QueryResponse>`,
          );
        },
      },
    ],
    errorReply: () => xml(200, errorXml('系统内部错误')),
    notFoundReply: () => xml(404, errorXml('服务不存在')),
    unauthorizedReply: () => xml(401, errorXml('未授权')),
  };
}
