import { SMTPServer } from 'smtp-server'

export type Letter = { to: string[]; raw: string }

/**
 * A real SMTP server on loopback that keeps every letter it accepts; `refuse` makes it refuse every recipient.
 * `port` restarts a stopped server where its clients expect it; `delayMs` makes it answer each recipient that
 * much later, as a slow server does (a fault test kills the sender while it waits).
 */
export const startSmtp = async (port = 0, { delayMs = 0 }: { delayMs?: number } = {}) => {
  const letters: Letter[] = []
  const state = { refuse: false }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(_address, _session, done) {
      const answer = () => done(state.refuse ? Object.assign(new Error('try later'), { responseCode: 451 }) : undefined)
      if (delayMs) setTimeout(answer, delayMs)
      else answer()
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        letters.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString() })
        done()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const bound = (server.server.address() as { port: number }).port
  return {
    port: bound,
    url: `smtp://127.0.0.1:${bound}`,
    letters,
    state,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

/** Quoted-printable and base64 bodies decoded enough to search the letter's text. */
export const bodyOf = (raw: string) => {
  const split = raw.search(/\r?\n\r?\n/)
  const [head, body] = [raw.slice(0, split), raw.slice(split).trim()]
  if (/Content-Transfer-Encoding: base64/i.test(head))
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head))
    return Buffer.from(
      body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(Number.parseInt(h, 16))),
      'latin1',
    ).toString('utf8')
  return body
}
