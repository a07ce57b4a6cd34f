import { createRoute } from '@hono/zod-openapi'
import { createJournal, CreateJournalInput, findJournals } from '../../services/journals'
import {
  createOrganization,
  CreateOrganizationInput,
  createUser,
  CreateUserInput,
  findOrganizations,
} from '../../services/users'
import { changeSigningSettings, getSigningSettings, SigningSettingsInput } from '../../services/signing-settings'
import { AuditVerification, verifyAudit } from '../../services/verify-audit'
import { changeUser, ChangeUserInput } from '../../services/disable-person'
import { listPeople } from '../../services/people'
import { bearer, createRouter, IdParam, jsonBody, responses } from '../router'

/** Users, organizations and registration journals: the admin's resources. */
export const adminRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/signing-settings',
      tags: ['admin'],
      security: bearer,
      summary: "Whether approvers' visas are signatures on the file (the admin's organization, or ?organizationId=)",
      responses: responses({ status: 200, description: '{organizationId, signVisas}' }, 401, 403, 422),
    }),
    async (c) => c.json(await getSigningSettings(c.var.ctx, c.req.query('organizationId')), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/signing-settings',
      tags: ['admin'],
      security: bearer,
      summary: "Turn approvers' visa signatures on or off for the organization",
      request: jsonBody(SigningSettingsInput),
      responses: responses({ status: 200, description: '{organizationId, signVisas}' }, 400, 401, 403, 404, 422),
    }),
    async (c) => c.json(await changeSigningSettings(c.var.ctx, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/users',
      tags: ['admin'],
      security: bearer,
      summary: 'Create a user with a role',
      request: jsonBody(CreateUserInput),
      responses: responses({ status: 201, description: 'The user' }, 400, 401, 403, 404, 409, 422),
    }),
    async (c) => c.json(await createUser(c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/users/{id}',
      tags: ['admin'],
      security: bearer,
      summary:
        'Disable or enable a person ({disabled}): disabling ends their sessions and tokens on every instance, stops their decisions and revokes their signing certificate; set or remove their СНИЛС and ИНН ({snils, inn}; null removes), by which a qualified certificate is matched to them',
      request: { params: IdParam, ...jsonBody(ChangeUserInput) },
      responses: responses(
        { status: 200, description: 'The user, with sessionsEnded and certificatesRevoked' },
        400,
        401,
        403,
        404,
        422,
      ),
    }),
    async (c) => c.json(await changeUser(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/people',
      tags: ['orders'],
      security: bearer,
      summary:
        "The organization's active people a route may name by userId (signs: may be the signer, the director role); ?organizationId= for the installation admin",
      responses: responses({ status: 200, description: '{items:[{id,name,position,role,signs}]}' }, 401, 403, 422),
    }),
    async (c) => c.json(await listPeople(c.var.ctx, c.req.query('organizationId')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/organizations',
      tags: ['admin'],
      security: bearer,
      summary: 'Create an organization (the installation admin only: an organization admin gets 403)',
      request: jsonBody(CreateOrganizationInput),
      responses: responses({ status: 201, description: 'The organization' }, 400, 401, 403, 422),
    }),
    async (c) => c.json(await createOrganization(c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organizations',
      tags: ['admin'],
      security: bearer,
      summary: 'Organizations',
      responses: responses({ status: 200, description: '{items}' }, 401, 403),
    }),
    async (c) => c.json(await findOrganizations(c.var.ctx), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/journals',
      tags: ['journals'],
      security: bearer,
      summary: 'Create a registration journal',
      request: jsonBody(CreateJournalInput),
      responses: responses({ status: 201, description: 'The journal' }, 400, 401, 403, 404, 422),
    }),
    async (c) => c.json(await createJournal(c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/journals',
      tags: ['journals'],
      security: bearer,
      summary: 'Registration journals',
      responses: responses({ status: 200, description: '{items}' }, 401),
    }),
    async (c) => c.json(await findJournals(c.var.ctx), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/audit/verify',
      tags: ['admin'],
      security: bearer,
      summary:
        'Walk the audit chains: every organization for the installation admin, its own for an organization admin',
      responses: {
        ...responses({ status: 200, description: '' }, 401, 403),
        200: {
          description: 'Each chain with its events and, when it does not hold, the seq where it breaks and why',
          content: { 'application/json': { schema: AuditVerification } },
        },
      },
    }),
    async (c) => c.json(await verifyAudit(c.var.ctx), 200),
  )
