import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * An outside program a test needs. Missing, the test is skipped with the reason printed — or,
 * with REQUIRE_TOOLS=1 (CI), the suite fails instead, so a missing install step cannot hide.
 */
export const hasTool = (name: string): boolean => {
  const found = spawnSync('sh', ['-c', `command -v ${name}`]).status === 0
  if (!found) {
    if (process.env.REQUIRE_TOOLS === '1') throw new Error(`${name} is required (REQUIRE_TOOLS=1) but not installed`)
    console.log(`skipping: ${name} is not installed`)
  }
  return found
}

export const run = (
  cmd: string,
  args: string[],
  opts: { cwd?: string; timeout?: number; env?: Record<string, string> } = {},
) =>
  execFileSync(cmd, args, {
    encoding: 'utf8',
    timeout: opts.timeout ?? 120_000,
    cwd: opts.cwd,
    env: opts.env ? { ...process.env, ...opts.env } : undefined,
    maxBuffer: 64 * 1024 * 1024,
  })

/** The text of a PDF as `pdftotext` reads it, white space folded to single spaces (needs `hasTool('pdftotext')`). */
export const pdfText = (pdf: Uint8Array) => {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-text-'))
  try {
    writeFileSync(join(dir, 'f.pdf'), pdf)
    return run('pdftotext', ['-layout', join(dir, 'f.pdf'), '-']).replace(/\s+/g, ' ')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The text of a PDF as poppler's pdftotext reads it, lines kept (the file on its standard input). */
export const pdfPlainText = (bytes: Uint8Array) =>
  execFileSync('pdftotext', ['-', '-'], { input: bytes, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
