import pino from 'pino'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'
export type Logger = pino.Logger

/**
 * The service's structured log: one JSON object per line (pino), written to `write`. Whatever a
 * line says is chosen field by field where it is logged (a route's pattern, never its path, which
 * may hold a link's token); the redaction below only catches a credential passed by mistake.
 */
export const createLogger = (
  level: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger =>
  pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['password', 'token', 'code', 'passwordHash', '*.password', '*.token', '*.code', '*.passwordHash'],
        censor: '[redacted]',
      },
    },
    { write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line) },
  )
