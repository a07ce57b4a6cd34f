import { createRoute } from '@hono/zod-openapi'
import { changeOrganization, ChangeOrganizationInput } from '../../services/organization-profile'
import { BODY_ERRORS, bearer, createRouter, IdParam, jsonBody, responses } from '../router'
import { OrganizationProfile } from '../schemas/people'

/** The organization's profile: its letterhead and what a new order takes from it. */
export const organizationRoutes = createRouter().openapi(
  createRoute({
    method: 'patch',
    path: '/organizations/{id}',
    tags: ['admin'],
    security: bearer,
    summary:
      "Change the organization's profile (its admin, or the installation's admin): letterhead lines (parent bodies, name), place, the kinds of document it issues and their directive words, the default signer, the emblem (PNG or JPEG, base64, 256 KB at most; null removes it). A new order naming no organization of its own prints them; a version already saved keeps what it was saved with",
    request: { params: IdParam, ...jsonBody(ChangeOrganizationInput) },
    responses: responses(
      { status: 200, description: 'The organization', schema: OrganizationProfile },
      401,
      403,
      404,
      ...BODY_ERRORS,
    ),
  }),
  async (c) => c.json(await changeOrganization(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
)
