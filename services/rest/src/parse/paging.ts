// page-size and page-state → the bridge's QueryParameters. A page state is the bridge's signed
// paging state in standard base64; the bridge refuses one it did not issue for the same query.
import { ApiError } from '../../../common/src/errors/api-error.js';
import type { QueryParameters } from '../../../common/src/proto/generated/stargate/QueryParameters.js';

export const DEFAULT_PAGE_SIZE = 100;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function pagingParameters(
  pageSize: number | undefined,
  pageStateParam: string | undefined,
): QueryParameters {
  const parameters: QueryParameters = {
    pageSize: { value: pageSize ?? DEFAULT_PAGE_SIZE },
    skipMetadata: true,
  };
  let pageState = pageStateParam;
  if (pageState) {
    // An unencoded '+' in a query string arrives as a space.
    pageState = pageState.replace(/ /g, '+');
    if (!BASE64.test(pageState) || pageState.length % 4 === 1) {
      throw new ApiError('REST_PAGE_STATE_INVALID', {
        detail: 'it is not base64 (use the pageState of a previous page)',
      });
    }
    parameters.pagingState = { value: Buffer.from(pageState, 'base64') };
  }
  return parameters;
}
