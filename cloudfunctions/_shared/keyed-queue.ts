/**
 * Runs tasks that share a key one after another, and tasks with different keys in parallel, within
 * this function instance. Appends to one consent chain all contend for the same head: queued here
 * they never conflict with each other, so a burst costs one transaction each instead of a storm of
 * retries. Writers in other instances still conflict at commit and retry.
 */
export function keyedQueue(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>()
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const result = (tails.get(key) ?? Promise.resolve()).then(task)
    const tail = result.then(
      () => undefined,
      () => undefined,
    )
    tails.set(key, tail)
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key)
    })
    return result
  }
}
