import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib'
import PizZip from 'pizzip'

/** One entry as it goes into an archive: its name, its deflated bytes, and what it says of itself. */
export type ZipEntry = { name: string; packed: Uint8Array; unpacked: number; crc: number; method?: 0 | 8 }

export const deflated = (name: string, data: Uint8Array): ZipEntry => ({
  name,
  packed: deflateRawSync(data),
  unpacked: data.byteLength,
  crc: crc32(data),
})

/**
 * A ZIP bomb entry: `megabytes` of zeros, deflated by streaming, so the test never holds them.
 * 400 MB deflate to about 400 KB.
 */
export const bomb = async (name: string, megabytes: number): Promise<ZipEntry> => {
  const chunk = Buffer.alloc(1024 * 1024)
  const deflate = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION })
  const out: Buffer[] = []
  deflate.on('data', (b: Buffer) => out.push(b))
  const done = new Promise((resolve) => deflate.on('end', resolve))
  let crc = 0
  for (let i = 0; i < megabytes; i++) {
    crc = crc32(chunk, crc)
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve))
  }
  deflate.end()
  await done
  return { name, packed: Buffer.concat(out), unpacked: megabytes * chunk.byteLength, crc }
}

/** The entries of an existing archive (a DOCX), each re-deflated, to add to or tamper with. */
export const entriesOf = (bytes: Uint8Array): ZipEntry[] =>
  Object.values(new PizZip(bytes).files)
    .filter((f) => !f.dir)
    .map((f) => deflated(f.name, f.asUint8Array()))

/** A ZIP archive written by hand, byte by byte, so a test can make it say what a real tool never would. */
export const writeZip = (entries: ZipEntry[]): Uint8Array<ArrayBuffer> => {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8')
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x800, 6)
    local.writeUInt16LE(e.method ?? 8, 8)
    local.writeUInt32LE(e.crc >>> 0, 14)
    local.writeUInt32LE(e.packed.byteLength, 18)
    local.writeUInt32LE(e.unpacked, 22)
    local.writeUInt16LE(name.byteLength, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x800, 8)
    central.writeUInt16LE(e.method ?? 8, 10)
    central.writeUInt32LE(e.crc >>> 0, 16)
    central.writeUInt32LE(e.packed.byteLength, 20)
    central.writeUInt32LE(e.unpacked, 24)
    central.writeUInt16LE(name.byteLength, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, Buffer.from(e.packed))
    centrals.push(central, name)
    offset += 30 + name.byteLength + e.packed.byteLength
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.byteLength, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, directory, end]))
}
