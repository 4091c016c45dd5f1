package io.nearflow.step.jvm;

/**
 * The worker thread running one hop, so a timeout can interrupt exactly that hop. Interrupting
 * a pooled thread after the hop has finished would hit the next hop on that thread; the monitor
 * makes "still running this hop" and "interrupt" atomic, and {@link #exit} clears a late flag.
 */
final class WorkerThread {
  private Thread thread;
  private boolean done;

  synchronized void enter() {
    thread = Thread.currentThread();
  }

  synchronized void exit() {
    thread = null;
    done = true;
    Thread.interrupted();
  }

  synchronized void interrupt() {
    if (thread != null && !done) {
      thread.interrupt();
    }
  }
}
