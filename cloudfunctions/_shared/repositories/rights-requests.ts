import type { RightsRequest } from '../../../src/domain/requests/rights-request'
import { database, lenientDatabase, settled } from '../adapters/wx'

export const RIGHTS_REQUESTS = 'rights_requests'

export interface RequestRow extends Omit<RightsRequest, 'id'> {
  _id: string
  openid: string
  /** Which category a correction is about. */
  category?: string
}

/** Data-subject requests; ids are random and unguessable, and every read is also filtered by openid. */
export const rightsRequests = {
  /** Insert-only under the request's id: a retried submission with the same id writes nothing new. */
  async add(openid: string, request: RightsRequest, category: string | undefined): Promise<RightsRequest> {
    const { id, ...rest } = request
    try {
      await settled(database().collection(RIGHTS_REQUESTS).add({ data: { _id: id, openid, ...rest, ...(category ? { category } : {}) } }))
      return request
    } catch (err) {
      const existing = await this.find(openid, id)
      if (!existing) throw err
      return existing
    }
  },

  async find(openid: string, id: string): Promise<RightsRequest | undefined> {
    const { data } = await settled(lenientDatabase().collection(RIGHTS_REQUESTS).where({ _id: id, openid }).limit(1).get())
    const row = (data as RequestRow[])[0]
    return row ? fromRow(row) : undefined
  },

  async of(openid: string): Promise<Array<RightsRequest & { category?: string }>> {
    const { data } = await settled(database().collection(RIGHTS_REQUESTS).where({ openid }).orderBy('createdAt', 'desc').limit(100).get())
    return (data as RequestRow[]).map((r) => ({ ...fromRow(r), ...(r.category ? { category: r.category } : {}) }))
  },
}

function fromRow(row: RequestRow): RightsRequest {
  const { _id, openid: _owner, category: _category, ...rest } = row
  return { id: _id, ...rest }
}
