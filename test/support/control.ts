import { expect } from 'vitest'
import type { OrderContent } from '../../src/domain/content'
import { type Harness, person, tokenOf } from './harness'

/** Drafts, signs (by link) and registers an order on the harness's clock; returns its id. */
export const registerOrder = async (h: Harness, content: OrderContent, signer = person('Смирнова', 4)) => {
  const clerk = h.orgs[0]!.clerk
  const id = (await h.call('POST', '/api/orders', { token: clerk, body: content })).body.id as string
  const submitted = await h.call('POST', `/api/orders/${id}/submit`, { token: clerk, body: { approvers: [], signer } })
  expect(submitted.status).toBe(200)
  const signed = await h.call('POST', `/api/links/${tokenOf(submitted.body.links[0].url)}/sign`)
  expect(signed.status).toBe(200)
  const registered = await h.call('POST', `/api/orders/${id}/register`, { token: clerk, body: {} })
  expect(registered.status).toBe(200)
  return id
}
