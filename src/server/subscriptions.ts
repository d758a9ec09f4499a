/**
 * GraphQL subscriptions on the gateway's own port (issue 18): WebSocket (graphql-ws, at /graphql,
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
  validate,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/http';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Principal } from '../auth/principal.ts';
import type { GatewayContext } from '../context.ts';

/** What the transports are built from. */
export interface SubscriptionOptions {
  httpServer: Server;
  schema: GraphQLSchema;
  /** Verifies a token and purpose header (throws AuthenticationError / PurposeError). */
  authenticate: (authorization: string | undefined, purpose: string | undefined) => Promise<Principal>;
  contextFor: (init: { principal: Principal; requestId?: string }) => GatewayContext;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  validationRules: readonly ValidationRule[];
  maxTokens: number;
}

/** The SSE handler (mounted by the routes after admission) and the shutdown. */
export interface SubscriptionTransports {
  /** Serves /graphql/stream for an admitted principal. */
  sse(req: IncomingMessage, res: ServerResponse, principal: Principal): Promise<void>;
  close(): Promise<void>;
}

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** A document parsed, validated with the gateway's rules, and a subscription — or the errors. */
function check(
  o: SubscriptionOptions,
  query: string,
): { document: ReturnType<typeof parse> } | { errors: readonly GraphQLError[] } {
  let document;
  try {
    document = parse(query, { maxTokens: o.maxTokens });
  } catch (err) {
    return { errors: [err as GraphQLError] };
  }
  const errors = validate(o.schema, document, [...(o.validationRules as ValidationRule[])]);
  if (errors.length) return { errors };
  const ops = document.definitions.filter((d) => d.kind === 'OperationDefinition');
  if (ops.some((d) => d.kind === 'OperationDefinition' && d.operation !== 'subscription'))
    return {
      errors: [
        new GraphQLError('only subscriptions are served here; send queries and mutations to POST /graphql'),
      ],
    };
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
  const wss = new WebSocketServer({ noServer: true });
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
        try {
          principals.set(
            ctx.extra.socket,
            await o.authenticate(header('authorization'), header('x-purpose')),
          );
          return true;
        } catch {
          return false; // closed 4403 Forbidden: a bad token or purpose
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        const checked = check(o, payload.query);
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

/** graphql-sse for requests the routes admitted. */
function sseTransport(o: SubscriptionOptions, principals: Principals) {
  type Ctx = GatewayContext & Record<PropertyKey, unknown>;
  return createHandler<Ctx>({
    schema: o.schema,
    onSubscribe: (req, params) => {
      const checked = check(o, typeof params.query === 'string' ? params.query : '');
      if ('errors' in checked)
        return [
          JSON.stringify({ errors: formatted(o, checked.errors) }),
          {
            status: 400,
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

/** Attaches WebSocket subscriptions to the server and builds the SSE handler. */
export function attachSubscriptions(o: SubscriptionOptions): SubscriptionTransports {
  const principals: Principals = new WeakMap();
  const closeWs = webSocketTransport(o, principals);
  const sse = sseTransport(o, principals);
  return {
    async sse(req, res, principal) {
      principals.set(req, principal);
      // graphql-sse writes the head but sends nothing until the first event: an event stream's head
      // goes out at once, so a page can say it is connected before anything has happened.
      const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => typeof res;
      res.writeHead = ((...args: unknown[]) => {
        const out = writeHead(...args);
        res.flushHeaders();
        return out;
      }) as typeof res.writeHead;
      await sse(req, res);
    },
    close: closeWs,
  };
}
