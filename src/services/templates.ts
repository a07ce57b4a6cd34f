import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { Db } from '../db/client'
import { findTemplateKind, insertTemplate, listTemplates } from '../db/templates'
import { OrderKind } from '../domain/content'
import { OrderError } from '../domain/errors'
import { LIMITS } from '../domain/limits'
import { safeLine } from '../domain/text'
import { errorOfIssues, issuesToDetails } from '../domain/validation'
import { checkTemplate } from '../documents/docx'
import { authorize, isUuid, organizationScope, requireUser } from './access'
import { recordEvent } from './audit'
import { inTransaction, type ServiceContext } from './context'

export const UploadTemplateInput = z.object({
  kind: OrderKind,
  name: safeLine().trim().min(1).max(LIMITS.template.name),
})

/** An admin's DOCX template: refused with every problem listed, or stored and selectable for its kind. */
export const uploadTemplate = async (
  ctx: ServiceContext,
  input: { kind: unknown; name: unknown; bytes: Uint8Array | undefined },
) => {
  const user = authorize(ctx, 'templates.manage')
  const fields = UploadTemplateInput.safeParse({ kind: input.kind, name: input.name })
  const noFile = { path: 'file', message: 'файл не приложен' }
  if (!input.bytes || input.bytes.length === 0) {
    // listed with the fields' problems, not only once they are fixed
    if (fields.success) throw new OrderError('invalid_input', 'Приложите файл .docx', [noFile])
    const details = [...issuesToDetails(fields.error.issues), noFile]
    throw new OrderError('invalid_input', `Шаблон: ошибок ${details.length}`, details)
  }
  if (!fields.success) throw errorOfIssues(fields.error.issues, 'Шаблон')
  const { kind, name } = fields.data
  if (input.bytes.length > LIMITS.template.bytes)
    throw new OrderError('too_large', `Шаблон больше ${LIMITS.template.bytes} байт`)
  const problems = checkTemplate(input.bytes)
  if (problems.length)
    throw new OrderError(
      problems.some((p) => p.code === 'too_large') ? 'too_large' : 'invalid_input',
      `Шаблон не принят: проблем ${problems.length}`,
      problems,
    )
  if (!user.organizationId)
    throw new OrderError('invalid_input', 'Шаблон принадлежит организации: войдите как её администратор')
  return inTransaction(ctx, async (tx) => {
    const sha256 = createHash('sha256').update(input.bytes!).digest('hex')
    const row = await insertTemplate(tx, {
      organizationId: user.organizationId!,
      kind,
      name,
      bytes: input.bytes!,
      sha256,
      createdBy: user.id,
      createdAt: ctx.clock.now(),
    })
    await recordEvent(tx, ctx, {
      organizationId: user.organizationId!,
      action: 'template_uploaded',
      data: { id: row.id, kind, name, sha256 },
    })
    return { ...row, createdAt: row.createdAt.toISOString() }
  })
}

export const findTemplates = async (ctx: ServiceContext) => {
  const user = requireUser(ctx)
  const uploaded = await listTemplates(ctx.db, organizationScope(user))
  return {
    items: [
      { id: 'prikaz', kind: 'prikaz', name: 'Приказ (встроенный)', builtIn: true },
      { id: 'rasporyazhenie', kind: 'rasporyazhenie', name: 'Распоряжение (встроенный)', builtIn: true },
      ...uploaded.map((t) => ({
        id: t.id,
        kind: t.kind,
        name: t.name,
        sha256: t.sha256,
        builtIn: false,
        createdAt: t.createdAt.toISOString(),
      })),
    ],
  }
}

/**
 * The template an order names must be one of its organization's, for its kind: otherwise the DOCX would come
 * out of the built-in template without a word said (422 instead, on create and on every edit).
 */
export const assertTemplateUsable = async (
  tx: Db,
  content: { templateId?: string; kind: string },
  organizationId: string,
) => {
  if (!content.templateId) return
  const kind = isUuid(content.templateId) ? await findTemplateKind(tx, content.templateId, organizationId) : undefined
  const message = !kind
    ? 'нет такого шаблона в организации'
    : kind !== content.kind
      ? 'шаблон для другого вида документа'
      : undefined
  if (message)
    throw new OrderError('invalid_input', `Шаблон: ${message}`, [
      { path: 'templateId', message, code: 'unknown_template' },
    ])
}
