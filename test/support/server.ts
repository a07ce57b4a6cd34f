import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

export type RunningServer = {
  url: string
  proc: ChildProcess
  output: () => string
  stop: (signal?: NodeJS.Signals) => Promise<void>
}

/** The real service in a child process (`src/main.ts`, as `npm start` runs it), on a free port. */
export const startServer = (env: Record<string, string>): Promise<RunningServer> =>
  new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PORT: '0',
        LOG_LEVEL: 'warn',
        // the suites sign in and open links far more often than a person; the limits have their own test
        RATE_SIGNIN_ADDRESS: 'off',
        RATE_SIGNIN_ACCOUNT: 'off',
        RATE_LINKS_ADDRESS: 'off',
        RATE_LINKS_LINK: 'off',
        RATE_VERIFY_ADDRESS: 'off',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 120_000)
    const onData = (d: Buffer) => {
      out += d.toString()
      const port = /\(port (\d+),/.exec(out)?.[1]
      if (port) {
        clearTimeout(timer)
        resolve({
          url: `http://127.0.0.1:${port}`,
          proc,
          output: () => out,
          stop: (signal = 'SIGTERM') =>
            new Promise((done) => {
              if (proc.exitCode !== null || proc.signalCode) return done()
              proc.once('exit', () => done())
              proc.kill(signal)
            }),
        })
      }
    }
    proc.stdout!.on('data', onData)
    proc.stderr!.on('data', onData)
    proc.once('exit', (code) => {
      clearTimeout(timer)
      if (!/\(port \d+,/.test(out)) reject(new Error(`server exited with ${code}:\n${out}`))
    })
  })

/** A tiny client for a listening server: JSON in, status and JSON out. */
export const client = (base: string) => {
  let token: string | undefined
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : undefined }
  }
  return {
    call,
    signIn: async (email: string, password: string) => {
      const res = await call('POST', '/api/auth/token', { email, password })
      if (res.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(res.body)}`)
      token = res.body.token
    },
  }
}
