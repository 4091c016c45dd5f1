/**
 * Helpers shared by the step kinds: checking and listing the files a step wrote, keeping the
 * last lines a child process printed, and stopping a process tree (SIGTERM, then SIGKILL after
 * a grace period). Not part of the step contract; callers outside {@code io.nearflow.step}
 * should not need them. May touch: the local file system and OS processes.
 */
package io.nearflow.step.support;
