// A screen's lifetime. Everything a view starts (bus listeners, DOM listeners
// outside its own nodes, timers, animation loops) is registered with the Scope
// the router gives it, and the router disposes that scope when the next screen
// replaces this one. Components that outlive screens (the chat dock's open
// conversation) make a Scope of their own and dispose it when they close.
export class Scope {
  #cleanups = [];
  disposed = false;

  /// Runs `cleanup` when the scope ends (at once if it already has); returns it.
  add(cleanup) {
    if (this.disposed) cleanup();
    else this.#cleanups.push(cleanup);
    return cleanup;
  }

  /// `target.addEventListener` for the scope's lifetime.
  listen(target, type, listener, options) {
    target.addEventListener(type, listener, options);
    this.add(() => target.removeEventListener(type, listener, options));
  }

  interval(callback, milliseconds) {
    const id = setInterval(callback, milliseconds);
    this.add(() => clearInterval(id));
  }

  /// Calls `step(timestamp)` every animation frame until the scope ends.
  animate(step) {
    let frame = requestAnimationFrame(function loop(timestamp) {
      step(timestamp);
      frame = requestAnimationFrame(loop);
    });
    this.add(() => cancelAnimationFrame(frame));
  }

  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    for (const cleanup of this.#cleanups.splice(0).reverse()) {
      try {
        cleanup();
      } catch (error) {
        console.error(error);
      }
    }
  }
}
