import { describe, expect, it } from 'vitest'
import { wholeBuffer } from '../../src/documents/worker-pool'

describe('wholeBuffer', () => {
  it('hands over bytes that own their buffer, never a view into a larger one', () => {
    const own = new Uint8Array(1024)
    expect(wholeBuffer(own)).toEqual([own.buffer])
    // a view: detaching its buffer would take the bytes around it too
    expect(wholeBuffer(own.subarray(1))).toEqual([])
    expect(wholeBuffer(own.subarray(0, 10))).toEqual([])
    // Node's small Buffers share one pool: never transferred
    const pooled = Buffer.from('небольшой файл')
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength)
    expect(wholeBuffer(pooled)).toEqual([])
    // shared memory is not transferable
    expect(wholeBuffer(new Uint8Array(new SharedArrayBuffer(8)))).toEqual([])
  })
})
