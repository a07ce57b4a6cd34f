import { createHash } from 'node:crypto'
import { z } from 'zod'
import { OrderError } from '../../domain/errors'
import { LIMITS } from '../../domain/limits'
import { checkReportFile, type ReportFile } from '../../domain/report-files'
import { safeText } from '../../domain/text'
import { parseInput } from '../../domain/validation'
import type { ServiceContext } from '../context'
import { decide } from '../control-decision'
import { executorControlActor, executorRole, requireExecutor } from './executor-access'

const inlineBase64 = Math.ceil(LIMITS.report.inlineFileBytes / 3) * 4

export const ExecutorReportInput = z
  .object({
    text: safeText().trim().min(1).max(LIMITS.control.report),
    files: z
      .array(
        z
          .object({
            name: z.string().max(LIMITS.control.fileName * 4),
            type: z.string().max(LIMITS.control.fileType).optional(),
            // base64; a file over 2 MB goes as multipart/form-data instead
            content: z
              .string()
              .base64()
              .max(
                inlineBase64,
                `файл больше ${LIMITS.report.inlineFileBytes / 1024 / 1024} МБ: отправьте его как multipart/form-data`,
              ),
          })
          .strict(),
      )
      .max(LIMITS.report.files, `не больше ${LIMITS.report.files} файлов в одном отчёте`)
      .optional(),
  })
  .strict()
  .meta({ id: 'ExecutorReport' })

/** A file as received: its name, the type the client claimed, its bytes. */
export type ReceivedFile = { name: string; claimedType?: string; bytes: Buffer }

/** Checks every file (name, size, type by the bytes) and hashes it: all pass, or the report is refused whole. */
export const checkReceivedFiles = (files: ReceivedFile[], maxBytes: number): ReportFile[] => {
  if (files.length > LIMITS.report.files)
    throw new OrderError('invalid_input', `Не больше ${LIMITS.report.files} файлов в одном отчёте`, [
      { path: 'files', message: `больше ${LIMITS.report.files} файлов` },
    ])
  return files.map((f, i) => {
    const type = checkReportFile(
      { name: f.name, claimedType: f.claimedType, size: f.bytes.length, head: f.bytes },
      i,
      maxBytes,
    )
    return {
      name: f.name.normalize('NFC').trim(),
      type,
      size: f.bytes.length,
      sha256: createHash('sha256').update(f.bytes).digest('hex'),
      bytes: f.bytes,
    }
  })
}

/**
 * The executor's report on an item, with its files, in one transaction (stored whole or not at all). The
 * responsible executor's report puts the item before the controller (REPORT); a co-executor's is a contribution
 * the responsible one and the controller see, and the item's state stays.
 */
export const reportByExecutor = async (
  ctx: ServiceContext,
  id: string,
  input: { text: string; files: ReportFile[] },
) => {
  const executor = await requireExecutor(ctx)
  const text = parseInput(ExecutorReportInput.pick({ text: true }), { text: input.text }, 'Отчёт').text
  return decide(ctx, id, {
    actor: executorControlActor(executor, ctx),
    files: input.files,
    step: async (item, _context, _tx, on) =>
      executorRole(item, executor.id) === 'responsible'
        ? { type: 'REPORT', text, on, ...(input.files[0] ? { file: input.files[0].name } : {}) }
        : { kind: 'contributed', text },
  })
}

/** The JSON form: files inline as base64, each within 2 MB. */
export const reportByExecutorJson = (ctx: ServiceContext, id: string, body: unknown) => {
  const { text, files = [] } = parseInput(ExecutorReportInput, body, 'Отчёт')
  const checked = checkReceivedFiles(
    files.map((f) => ({ name: f.name, claimedType: f.type, bytes: Buffer.from(f.content, 'base64') })),
    LIMITS.report.inlineFileBytes,
  )
  return reportByExecutor(ctx, id, { text, files: checked })
}
