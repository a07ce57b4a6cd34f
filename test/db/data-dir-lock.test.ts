import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { DataDirLocked, LOCK_FILE, lockDataDir } from '../../src/db/data-dir-lock'

const root = fileURLToPath(new URL('../..', import.meta.url))
const children: ChildProcess[] = []
const dirs: string[] = []
afterAll(() => {
  for (const c of children) c.kill('SIGKILL')
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

/** Another process that takes the lock and keeps it until killed. */
const holder = (dir: string, flockProgram: string) =>
  new Promise<ChildProcess>((resolve, reject) => {
    const script = `import('./src/db/data-dir-lock.ts').then((m) => {
      m.lockDataDir(${JSON.stringify(dir)}, { flockProgram: ${JSON.stringify(flockProgram)} })
      console.log('locked'); setInterval(() => {}, 1000) })`
    const proc = spawn(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(proc)
    let out = ''
    proc.stdout.on('data', (d) => {
      out += d
      if (out.includes('locked')) resolve(proc)
    })
    proc.stderr.on('data', (d) => (out += d))
    proc.once('exit', (code) => reject(new Error(`holder exited with ${code}: ${out}`)))
  })

const killed = (proc: ChildProcess) =>
  new Promise<void>((done) => {
    proc.removeAllListeners('exit')
    proc.once('exit', () => done())
    proc.kill('SIGKILL')
  })

// flock(2) where util-linux's program is there; the pid check where it is not
describe.each([
  { name: 'flock', program: 'flock' },
  { name: 'pid check, no flock program', program: 'no-such-flock-program' },
])('the data directory lock ($name)', ({ program }) => {
  it('refuses while another process holds it, naming its pid, and is free the moment it is SIGKILLed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orders-lock-unit-'))
    dirs.push(dir)
    const proc = await holder(dir, program)
    let refused: unknown
    try {
      lockDataDir(dir, { flockProgram: program })
    } catch (e) {
      refused = e
    }
    expect(refused).toBeInstanceOf(DataDirLocked)
    expect((refused as DataDirLocked).holder).toBe(proc.pid)
    expect((refused as Error).message).toContain(`pid ${proc.pid}`)

    await killed(proc)
    const release = lockDataDir(dir, { flockProgram: program })
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid))
    release()
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe('')
  })
})
