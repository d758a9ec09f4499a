/**
 * GraphQL subscriptions on the gateway's own port: WebSocket (graphql-ws, at /graphql,
 * the `graphql-transport-ws` protocol) and Server-Sent Events (graphql-sse, at /graphql/stream,
 * distinct-connections mode). Authenticated like HTTP — the bearer token and X-Purpose from the
 * upgrade request or, for browsers that cannot set headers on a WebSocket, from the connection's
 * init payload (`authorization`, `x-purpose`) — with the same schema, shield, query limits and error
 * masking as /graphql; only subscription operations are served here. `close()` ends every
 * subscription (the hub is closed first) and every socket, for SIGTERM.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { createHandler as createSseHandler } from 'graphql-sse';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Principal } from '../auth/principal.ts';
import type { GatewayContext } from '../context.ts';
import { GatewayErrorCode, httpStatusOf } from '../errors.ts';
import type { Admission } from './admission.ts';
import { nulRefusal } from './inputText.ts';

/** What the transports are built from. */
export interface SubscriptionOptions {
  httpServer: Server;
  schema: GraphQLSchema;
  /** Admission (admission.ts): the same address limits, authenticator and rate limits as /graphql. */
  admission: Admission;
  /** The largest message a WebSocket client may send (the /graphql body cap): larger frames close the socket unread. */
  maxMessageBytes: number;
  contextFor: (init: { principal: Principal; requestId?: string }) => GatewayContext;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  validationRules: readonly ValidationRule[];
  maxTokens: number;
}

/** The SSE handler (mounted by the routes after admission) and the shutdown. */
export interface SubscriptionTransports {
  /** Serves /graphql/stream for an admitted principal, with the request's body already read (capped). */
  sse(req: IncomingMessage, res: ServerResponse, principal: Principal, body: unknown): Promise<void>;
  close(): Promise<void>;
}

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** A request error with its code, as /graphql answers it. */
const requestError = (message: string, code: string, from?: GraphQLError): GraphQLError =>
  new GraphQLError(message, {
    nodes: from?.nodes,
    source: from?.source,
    positions: from?.positions,
    extensions: { ...from?.extensions, code: (from?.extensions?.code as string | undefined) ?? code },
  });

/** A document parsed, validated with the gateway's rules, a subscription, and its text clean — or the errors, coded as /graphql codes them. */
function check(
  o: SubscriptionOptions,
  query: string,
  variables: unknown,
): { document: ReturnType<typeof parse> } | { errors: readonly GraphQLError[] } {
  let document;
  try {
    document = parse(query, { maxTokens: o.maxTokens });
  } catch (err) {
    return {
      errors: [
        requestError((err as Error).message, GatewayErrorCode.GRAPHQL_PARSE_FAILED, err as GraphQLError),
      ],
    };
  }
  // graphql-js's own rules and the gateway's limits, as Apollo validates /graphql (a rule list given to
  // `validate` replaces the specified rules; it does not add to them).
  const errors = validate(o.schema, document, [...specifiedRules, ...o.validationRules]);
  if (errors.length)
    return {
      errors: errors.map((e) => requestError(e.message, GatewayErrorCode.GRAPHQL_VALIDATION_FAILED, e)),
    };
  const ops = document.definitions.filter((d) => d.kind === 'OperationDefinition');
  if (ops.some((d) => d.kind === 'OperationDefinition' && d.operation !== 'subscription'))
    return {
      errors: [
        requestError(
          'only subscriptions are served here; send queries and mutations to POST /graphql',
          GatewayErrorCode.BAD_REQUEST,
        ),
      ],
    };
  const nul = nulRefusal(document, variables);
  if (nul) return { errors: [nul] };
  return { document };
}

/** Formats a result's errors as /graphql does. */
function formatted(o: SubscriptionOptions, errors: readonly GraphQLError[] | undefined) {
  return errors?.map((e) => o.formatError(e.toJSON(), e));
}

/** Who each socket or SSE request is (set at connection or admission). */
type Principals = WeakMap<object, Principal>;

/** graphql-ws over a WebSocket server that takes /graphql upgrades. */
function webSocketTransport(o: SubscriptionOptions, principals: Principals) {
  // ws reads a frame's length from its header and closes (1009) before buffering a larger payload.
  const wss = new WebSocketServer({ noServer: true, maxPayload: o.maxMessageBytes });
  o.httpServer.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/graphql') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  const server = useServer<Record<string, unknown>>(
    {
      schema: o.schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const header = (name: string): string | undefined =>
          typeof params[name] === 'string'
            ? (params[name] as string)
            : first(ctx.extra.request.headers[name]);
        const admitted = await o.admission(ctx.extra.request, {
          authorization: header('authorization'),
          purpose: header('x-purpose'),
        });
        if (!admitted.ok) return false; // closed 4403 Forbidden: refused (and a bad token counted against the address)
        principals.set(ctx.extra.socket, admitted.principal);
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        const checked = check(o, payload.query, payload.variables);
        if ('errors' in checked) return checked.errors;
        return {
          schema: o.schema,
          document: checked.document,
          variableValues: payload.variables ?? undefined,
          operationName: payload.operationName ?? undefined,
          contextValue: o.contextFor({ principal: principals.get(ctx.extra.socket)! }),
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: formatted(o, result.errors) } : undefined,
      onError: (_ctx, _id, _payload, errors) => formatted(o, errors),
    },
    wss,
    15_000,
  );
  return async (): Promise<void> => {
    await server.dispose();
    await new Promise<void>((r) => wss.close(() => r()));
  };
}

/** graphql-sse for requests the routes admitted (the core handler: the body comes read and capped). */
function sseTransport(o: SubscriptionOptions, principals: Principals) {
  type Ctx = GatewayContext & Record<PropertyKey, unknown>;
  return createSseHandler<IncomingMessage, undefined, Ctx>({
    schema: o.schema,
    onSubscribe: (req, params) => {
      const checked = check(o, typeof params.query === 'string' ? params.query : '', params.variables);
      if ('errors' in checked)
        return [
          JSON.stringify({ errors: formatted(o, checked.errors) }),
          {
            status: httpStatusOf(GatewayErrorCode.GRAPHQL_VALIDATION_FAILED),
            statusText: 'Bad Request',
            headers: { 'content-type': 'application/json; charset=utf-8' },
          },
        ];
      return {
        schema: o.schema,
        document: checked.document,
        variableValues: params.variables ?? undefined,
        operationName: params.operationName ?? undefined,
        contextValue: o.contextFor({ principal: principals.get(req.raw)! }) as Ctx,
      };
    },
    onNext: (_ctx, _req, result) =>
      'errors' in result && result.errors
        ? { ...result, errors: formatted(o, result.errors) as never }
        : undefined,
  });
}

/** Writes graphql-sse's answer: a whole body, or the event stream until the client goes. */
async function writeSse(
  res: ServerResponse,
  [body, init]: [
    string | AsyncIterableIterator<string> | null,
    { status: number; statusText: string; headers?: Record<string, string> },
  ],
): Promise<void> {
  res.writeHead(init.status, init.statusText, init.headers);
  if (!body || typeof body === 'string') return void res.end(body ?? undefined);
  // An event stream's head goes out at once, so a page can say it is connected before anything happened.
  res.flushHeaders();
  res.once('close', () => void body.return?.());
  for await (const value of body) {
    if (!res.writable) break;
    await new Promise<void>((resolve, reject) => res.write(value, (err) => (err ? reject(err) : resolve())));
  }
  res.end();
}

/** Attaches WebSocket subscriptions to the server and builds the SSE handler. */
export function attachSubscriptions(o: SubscriptionOptions): SubscriptionTransports {
  const principals: Principals = new WeakMap();
  const closeWs = webSocketTransport(o, principals);
  const sse = sseTransport(o, principals);
  return {
    async sse(req, res, principal, body) {
      principals.set(req, principal);
      const answer = await sse({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: { get: (key: string) => first(req.headers[key]) ?? null },
        body: body as string | Record<PropertyKey, unknown>,
        raw: req,
        context: undefined,
      });
      await writeSse(res, answer as Parameters<typeof writeSse>[1]);
    },
    close: closeWs,
  };
}
