import { controlBench } from './control.bench'
import { writeResults } from './measure'
const r = await controlBench('postgres://postgres@127.0.0.1:5432/postgres')
writeResults('/tmp/ctl-tmp/results.json', r)
process.exit(0)
