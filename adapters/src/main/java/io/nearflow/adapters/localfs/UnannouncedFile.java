package io.nearflow.adapters.localfs;

/**
 * A file in a local-fs store that {@link LocalFsAdapter#announceAll()} did not announce, and why.
 * The file is left where it is: deciding whether it is junk or a unit worth recovering is an
 * operator's call, not the adapter's.
 *
 * @param fileName the name in the store directory
 * @param reason a sentence a person can act on
 */
public record UnannouncedFile(String fileName, String reason) {}
