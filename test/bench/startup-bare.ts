import { PGlite } from '@electric-sql/pglite'

/**
 * The startup benchmark's baseline: PGlite alone creating (or opening) a data directory and
 * answering one query, started the way the service is (`tsx`), so both pay the same loader.
 */
const db = await PGlite.create(process.argv[2])
await db.query('select 1')
console.log('ready')
await db.close()
