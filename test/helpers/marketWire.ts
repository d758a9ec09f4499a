/** Market regulation's wire shapes (connectors/market/wire.ts), for loopback servers that stand in for it. */

/** One penalty as market regulation's penalties page lists it. */
export function marketPenaltyItem(id: string): Record<string, string> {
  return {
    penDecNo: id,
    illegActType: 'x',
    penType: '罚款',
    penAm: '100',
    penDecIssDate: '2026-01-01',
    penAuth: 'a',
    penContent: 'c',
  };
}
