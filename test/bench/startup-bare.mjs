import { PGlite } from '@electric-sql/pglite'

// The startup benchmark's baseline: PGlite alone creating (or opening) a data directory and answering
// one query, plain JavaScript started by plain `node`, as `npm start` starts the built service.
const db = await PGlite.create(process.argv[2])
await db.query('select 1')
console.log('ready')
await db.close()
