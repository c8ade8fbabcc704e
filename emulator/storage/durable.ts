import { open, rename } from 'node:fs/promises'
import path from 'node:path'

/** fsyncs a folder so a rename or new entry in it survives a crash. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * Replaces `file` atomically and durably: write a sibling temp file, fsync it, rename over the
 * target, fsync the folder. A reader (or a restart after kill -9) sees the old or the new
 * content, never a torn mix.
 */
export async function writeFileDurable(file: string, data: string | Buffer): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`
  const handle = await open(tmp, 'w')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(tmp, file)
  await fsyncDir(path.dirname(file))
}
