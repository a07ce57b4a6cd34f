import { join } from 'node:path'
import { z } from 'zod'
import { DEFAULT_DUE_SOON_DAYS } from '../workflows/control-item.machine'

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const
/** `30/10m`: 30 requests per 10 minutes; `off`: no limit. */
const Rate = z
  .string()
  .regex(/^(off|\d+\/\d+[smh])$/, 'a rate is N/<number><s|m|h> (30/10m) or off')
  .transform((v) => {
    if (v === 'off') return undefined
    const [, limit, amount, unit] = /^(\d+)\/(\d+)([smh])$/.exec(v)!
    return { limit: Number(limit), windowMs: Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS] }
  })

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  PUBLIC_URL: z.string().url().optional(),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  LINK_TTL_DAYS: z.coerce.number().positive().default(7),
  SIGNING_KEY: z.string().optional(),
  SMTP_URL: z.string().optional(),
  DUE_SOON_DAYS: z.coerce.number().int().min(0).default(DEFAULT_DUE_SOON_DAYS),
  // test-only: moves the service's clock this many days ahead (the reminder tests move past a due date)
  CLOCK_OFFSET_DAYS: z.coerce.number().int().min(-36_500).max(36_500).default(0),
  // test-only: the process kills itself (SIGKILL) right after a registration's number is committed, before the
  // seal, so a real-process test can show the sweeper sealing it after a restart (test/e2e/seal-after-crash.test.ts)
  FAIL_AFTER_REGISTRATION_COMMIT: z.enum(['1']).optional(),
  RENDER_THREADS: z.coerce.number().int().min(1).optional(),
  RENDER_QUEUE: z.coerce.number().int().min(0).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  // seconds between the process's memory and event-loop lines in the log; 0: none
  METRICS_INTERVAL_S: z.coerce.number().int().min(0).max(86_400).default(60),
  RATE_SIGNIN_ADDRESS: Rate.prefault('30/10m'),
  RATE_SIGNIN_ACCOUNT: Rate.prefault('10/10m'),
  RATE_SIGNIN_ACCOUNT_TOTAL: Rate.prefault('100/1h'),
  RATE_CODES_LINK: Rate.prefault('3/10m'),
  RATE_CODES_ADDRESS: Rate.prefault('10/10m'),
  RATE_LINKS_ADDRESS: Rate.prefault('120/1m'),
  RATE_LINKS_LINK: Rate.prefault('30/1m'),
  RATE_VERIFY_ADDRESS: Rate.prefault('60/1m'),
})

type Rate = z.infer<typeof Rate>

export type Config = {
  port: number
  /** how often the process logs its memory and event-loop delay (0: never) */
  metricsIntervalMs: number
  dataDir: string
  databaseUrl?: string
  publicUrl: string
  admin?: { email: string; password: string }
  linkTtlDays: number
  signingKey?: string
  /** Where the generated signing key lives when SIGNING_KEY is not set (back it up with the data). */
  signingKeyFile: string
  smtpUrl?: string
  dueSoonDays: number
  clockOffsetDays: number
  /** test-only, FAIL_AFTER_REGISTRATION_COMMIT=1: die between a registration's commit and its seal */
  failAfterRegistrationCommit: boolean
  logLevel: z.infer<typeof Env>['LOG_LEVEL']
  /** rendering threads (the cores when unset) and how many renderings may wait for one (8 per thread when unset) */
  render: { threads?: number; maxQueue?: number }
  /** requests per window of the endpoints that take a secret from anyone (undefined: no limit) */
  rateLimits: {
    signInPerAddress: Rate
    signInPerAccount: Rate
    signInPerAccountTotal: Rate
    codesPerLink: Rate
    codesPerAddress: Rate
    linksPerAddress: Rate
    linksPerLink: Rate
    verifyPerAddress: Rate
  }
}

/** The only place that reads the environment. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')))
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  if (!!e.ADMIN_EMAIL !== !!e.ADMIN_PASSWORD) throw new Error('Set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither')
  return {
    port: e.PORT,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : undefined,
    linkTtlDays: e.LINK_TTL_DAYS,
    signingKey: e.SIGNING_KEY,
    signingKeyFile: join(e.DATA_DIR, 'signing.key'),
    smtpUrl: e.SMTP_URL,
    dueSoonDays: e.DUE_SOON_DAYS,
    clockOffsetDays: e.CLOCK_OFFSET_DAYS,
    failAfterRegistrationCommit: e.FAIL_AFTER_REGISTRATION_COMMIT === '1',
    logLevel: e.LOG_LEVEL,
    metricsIntervalMs: e.METRICS_INTERVAL_S * 1000,
    render: { threads: e.RENDER_THREADS, maxQueue: e.RENDER_QUEUE },
    rateLimits: {
      signInPerAddress: e.RATE_SIGNIN_ADDRESS,
      signInPerAccount: e.RATE_SIGNIN_ACCOUNT,
      signInPerAccountTotal: e.RATE_SIGNIN_ACCOUNT_TOTAL,
      codesPerLink: e.RATE_CODES_LINK,
      codesPerAddress: e.RATE_CODES_ADDRESS,
      linksPerAddress: e.RATE_LINKS_ADDRESS,
      linksPerLink: e.RATE_LINKS_LINK,
      verifyPerAddress: e.RATE_VERIFY_ADDRESS,
    },
  }
}
