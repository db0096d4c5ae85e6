// A Web Lock held until this context dies: the page waits on the same name to learn of it.
export function holdLock(name: string): Promise<boolean> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (!locks) return Promise.resolve(false);
  return new Promise<boolean>((held) => {
    void locks.request(name, () => {
      held(true);
      return new Promise<void>(() => undefined);
    });
  });
}
