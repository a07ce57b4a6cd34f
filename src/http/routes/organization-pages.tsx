import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { changeOrganization, getOrganizationProfile } from '../../services/organization-profile'
import type { AppEnv } from '../middleware/context'
import type { Flash } from '../pages/AdminPages'
import { OrganizationProfilePage } from '../pages/OrganizationProfilePage'
import { doneFlash, failure, flashOf, formOf, lines, text, viewerOf } from './page-kit'

type C = Context<AppEnv>

const KINDS = ['prikaz', 'rasporyazhenie'] as const

/** The profile form as the API's change: every field sent (a blank place, directive or signer clears it). */
const changeOf = async (form: Record<string, unknown>) => {
  const file = form.logo instanceof File && form.logo.size > 0 ? form.logo : undefined
  const directives = Object.fromEntries(KINDS.map((k) => [k, text(form[`directive-${k}`]).trim() || null]))
  const kinds = KINDS.filter((k) => form[`kind-${k}`] === 'on')
  return {
    name: lines(form.name),
    parent: lines(form.parent),
    place: text(form.place).trim() || null,
    kinds,
    // words for a kind no longer issued are dropped with it, not refused
    directives: Object.fromEntries(
      Object.entries(directives).filter(([k, v]) => v === null || kinds.includes(k as never)),
    ),
    defaultSignerId: text(form.defaultSignerId).trim() || null,
    ...(file
      ? { logo: { data: Buffer.from(await file.arrayBuffer()).toString('base64') } }
      : form.removeLogo === 'on'
        ? { logo: null }
        : {}),
  }
}

/** The admin's page of the organization's profile (mounted on the pages' router, whose errors it shares). */
export const organizationPages = (pages: OpenAPIHono<AppEnv>) => {
  const page = async (c: C, flash?: Flash) => (
    <OrganizationProfilePage
      viewer={viewerOf(c)}
      profile={await getOrganizationProfile(c.var.ctx, c.req.param('id') ?? '')}
      flash={flash}
    />
  )
  pages.get('/admin/organizations/:id', async (c) => c.html(await page(c, doneFlash(c))))
  pages.post('/admin/organizations/:id', async (c) => {
    viewerOf(c)
    const id = c.req.param('id')
    try {
      await changeOrganization(c.var.ctx, id, await changeOf(await formOf(c)))
      return c.redirect(`/admin/organizations/${id}?done=saved`, 303)
    } catch (e) {
      return c.html(await page(c, flashOf(e)), failure(e))
    }
  })
}
