/**
 * Writes a request's audit entry before its response leaves. When the log cannot be written
 * the response is replaced: a read that cannot be recorded is not served (fail closed).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.ts';
import { GatewayErrorCode, httpStatusOf } from '../errors.ts';

/** The plugin; `onFailure` sees the write error (for the log and metrics). */
export function createAuditPlugin(
  onFailure: (err: unknown) => void = () => {},
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, operationName, errors }) {
          const audit = contextValue.audit;
          if (!audit?.pending) return;
          try {
            await audit.flush(operationName ?? null, errors?.length ? 'partial' : 'served');
          } catch (err) {
            onFailure(err);
            if (response.body.kind === 'single') {
              response.body.singleResult = {
                errors: [
                  {
                    message: 'the audit log cannot be written, so this read is not served',
                    extensions: { code: GatewayErrorCode.AUDIT_UNAVAILABLE },
                  },
                ],
              };
              response.http.status = httpStatusOf(GatewayErrorCode.AUDIT_UNAVAILABLE);
            }
          }
        },
      };
    },
  };
}
