/** Browsers have no subscribe messages; notices reach H5 users through the in-app inbox. */
export async function requestSubscribe(_tmplIds: string[]): Promise<Record<string, 'accept' | 'reject' | 'ban' | 'filter'>> {
  return {}
}
