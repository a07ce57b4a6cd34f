import { join } from 'node:path'
import { loadConfig } from '../config'
import { backupDatabase, restoreDatabase } from './database-backup'

/**
 * `npm run backup [-- <directory>]` and `npm run restore -- <directory>`, for the database the
 * service is configured with (DATABASE_URL, or the embedded one in DATA_DIR).
 */
const main = async ([command, dir]: string[]) => {
  const config = loadConfig()
  const target = { dataDir: config.dataDir, databaseUrl: config.databaseUrl }
  if (command === 'backup') {
    const out = dir ?? join('backups', new Date().toISOString().replace(/[:.]/g, '-'))
    const manifest = await backupDatabase(target, out)
    console.log(
      `backup of the ${manifest.driver === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL database'} ` +
        `written to ${out} (${manifest.database.bytes} bytes${manifest.files.length ? `, files: ${manifest.files.map((f) => f.path).join(', ')}` : ''})`,
    )
  } else if (command === 'restore' && dir) {
    const manifest = await restoreDatabase(target, dir)
    console.log(
      `restored the backup of ${manifest.createdAt} into ${manifest.driver === 'pglite' ? config.dataDir : 'the PostgreSQL database'}`,
    )
  } else {
    throw new Error('usage: npm run backup [-- <directory>] | npm run restore -- <directory>')
  }
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
