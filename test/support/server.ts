import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

/**
 * The arguments of `npm start` after `node` (the built bundle, `dist/main.js`; vitest's global set-up,
 * test/support/build.ts, builds it as `prestart` does): the process tests run what users run.
 */
export const startArgs = (() => {
  const [command, ...args] = (JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).scripts.start as string).split(
    ' ',
  )
  if (command !== 'node') throw new Error(`npm start is expected to run plain node, not ${command}`)
  return args
})()

export type RunningServer = {
  url: string
  proc: ChildProcess
  output: () => string
  stop: (signal?: NodeJS.Signals) => Promise<void>
}

/** The real service in a child process (the build, as `npm start` runs it), on a free port. */
export const startServer = (env: Record<string, string>): Promise<RunningServer> =>
  new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, startArgs, {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PORT: '0',
        LOG_LEVEL: 'warn',
        // the suites sign in and open links far more often than a person; the limits have their own test
        RATE_SIGNIN_ADDRESS: 'off',
        RATE_SIGNIN_ACCOUNT: 'off',
        RATE_SIGNIN_ACCOUNT_TOTAL: 'off',
        RATE_CODES_LINK: 'off',
        RATE_CODES_ADDRESS: 'off',
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

/** One request to a listening server: JSON in (with a bearer token if given), status, headers and JSON out. */
export const requestJson = async (
  url: string,
  method: string,
  { body, token, signal }: { body?: unknown; token?: string; signal?: AbortSignal } = {},
) => {
  const res = await fetch(url, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as any }
}

/** A tiny client for a listening server: JSON in, status and JSON out. */
export const client = (base: string) => {
  let token: string | undefined
  const call = async (method: string, path: string, body?: unknown) => {
    const { status, body: answer } = await requestJson(base + path, method, { body, token })
    return { status, body: answer }
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

/** The order journal (numbers like 1-г, never reset) the process tests register in, for an organization. */
export const addJournal = async (admin: ReturnType<typeof client>, organizationId: string) => {
  const res = await admin.call('POST', '/api/journals', {
    name: 'Приказы',
    kind: 'prikaz',
    pattern: '{n}-г',
    reset: 'never',
    organizationId,
  })
  if (res.status !== 201) throw new Error(`the journal was not created: ${JSON.stringify(res.body)}`)
  return res.body
}

/**
 * A person of the organization made over HTTP by its admin (role approver, or director to sign), signed in on
 * `base`: `ref` names them on a route, `client` acts as them (their link decisions go through it).
 */
export const addPersonOver = async (
  base: string,
  admin: ReturnType<typeof client>,
  organizationId: string,
  person: { email: string; name: string; position?: string; role: 'approver' | 'director' },
) => {
  const password = 'person-password-1'
  const made = await admin.call('POST', '/api/users', {
    ...person,
    position: person.position ?? (person.role === 'director' ? 'Директор' : 'Заместитель'),
    password,
    organizationId,
  })
  if (made.status !== 201) throw new Error(`the person was not created: ${JSON.stringify(made.body)}`)
  const as = client(base)
  await as.signIn(person.email, password)
  return { ref: { userId: made.body.id as string }, client: as, password }
}
