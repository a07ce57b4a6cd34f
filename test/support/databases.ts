import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { openDatabase, type Database } from '../../src/db/client'
import { attachFiles, directoryStore } from '../../src/db/file-store'
import { migrateDatabase } from '../../src/db/migrate'

export type TestDatabase = { name: 'pglite' | 'postgres'; open: () => Promise<Database & { url?: string }> }

export const postgresUrl = process.env.TEST_DATABASE_URL

/** A fresh PostgreSQL database of its own for one suite, dropped when the suite closes it. */
export const freshPostgresDatabase = async (baseUrl: string) => {
  const name = `orders_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  await admin.end()
  const url = new URL(baseUrl)
  url.pathname = `/${name}`
  const drop = async () => {
    const a = postgres(baseUrl, { max: 1, onnotice: () => {} })
    await a.unsafe(`drop database if exists ${name} with (force)`)
    await a.end()
  }
  return { url: url.toString(), drop }
}

const withPostgres = async (poolSize?: number) => {
  const { url, drop } = await freshPostgresDatabase(postgresUrl!)
  const db = await openDatabase({ url, poolSize })
  await migrateDatabase(db)
  return {
    ...db,
    url,
    close: async () => {
      await db.close()
      await drop()
    },
  }
}

/** Every database suite runs on the embedded database, and on PostgreSQL when TEST_DATABASE_URL is set. */
export const testDatabases = (poolSize?: number): TestDatabase[] => {
  const list: TestDatabase[] = [
    {
      name: 'pglite',
      open: async () => {
        const db = await openDatabase({})
        await migrateDatabase(db)
        // the embedded default keeps its files in the data directory: the suites store them there too, so every
        // signed and sealed file of the PGlite runs goes through the directory store (src/db/file-store.ts)
        const files = mkdtempSync(join(tmpdir(), 'orders-files-'))
        attachFiles(db.db, directoryStore(files))
        return {
          ...db,
          close: async () => {
            await db.close()
            rmSync(files, { recursive: true, force: true })
          },
        }
      },
    },
  ]
  if (postgresUrl) list.push({ name: 'postgres', open: () => withPostgres(poolSize) })
  else console.log('TEST_DATABASE_URL is not set: database suites run on PGlite only')
  return list
}
