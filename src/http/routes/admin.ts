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
import { BODY_ERRORS, bearer, createRouter, IdParam, jsonBody, responses } from '../router'
import {
  Journal,
  Journals,
  Organization,
  Organizations,
  People,
  SigningSettings,
  User,
  UserChanged,
} from '../schemas/people'

/** Users, organizations and registration journals: the admin's resources. */
export const adminRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/signing-settings',
      tags: ['admin'],
      security: bearer,
      summary: "Whether approvers' visas are signatures on the file (the admin's organization, or ?organizationId=)",
      responses: responses({ status: 200, description: 'The settings', schema: SigningSettings }, 401, 403, 422),
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
      responses: responses(
        { status: 200, description: 'The settings', schema: SigningSettings },
        401,
        403,
        404,
        ...BODY_ERRORS,
      ),
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
      responses: responses({ status: 201, description: 'The user', schema: User }, 401, 403, 404, 409, ...BODY_ERRORS),
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
        "Change a person ({name?, position?, role?, email?, disabled?, snils?, inn?}): disabling ends their sessions and tokens on every instance, stops their decisions and revokes their signing certificate (a new name or e-mail revokes it too); the organization's last active admin keeps the role; a taken e-mail is 409; СНИЛС and ИНН (null removes) are what a qualified certificate is matched to them by",
      request: { params: IdParam, ...jsonBody(ChangeUserInput) },
      responses: responses(
        { status: 200, description: 'The user, with sessionsEnded and certificatesRevoked', schema: UserChanged },
        401,
        403,
        404,
        ...BODY_ERRORS,
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
      responses: responses(
        { status: 200, description: 'The people of the organization', schema: People },
        401,
        403,
        422,
      ),
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
      responses: responses(
        { status: 201, description: 'The organization', schema: Organization },
        401,
        403,
        ...BODY_ERRORS,
      ),
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
      responses: responses({ status: 200, description: 'The organizations', schema: Organizations }, 401, 403),
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
      responses: responses({ status: 201, description: 'The journal', schema: Journal }, 401, 403, 404, ...BODY_ERRORS),
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
      responses: responses({ status: 200, description: 'The journals', schema: Journals }, 401),
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
      responses: responses(
        {
          status: 200,
          description: 'Each chain with its events and, when it does not hold, the seq where it breaks and why',
          schema: AuditVerification,
        },
        401,
        403,
      ),
    }),
    async (c) => c.json(await verifyAudit(c.var.ctx), 200),
  )
