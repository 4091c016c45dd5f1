/**
 * The local-fs data adapter: one store directory per host. Pulls on the host holding a unit are
 * hard links; pulls from other hosts stream the bytes from the peer's adapter over HTTP
 * ({@link io.nearflow.adapters.localfs.LocalFsPeerEndpoint}), verified by length and checksum
 * before they become visible. Pushes move a step's output into the store and register it; uploads
 * (data entering from outside, forwarded by the API node with {@code PeerUploadClient}) stream
 * into the store and then take the same path.
 *
 * <p>Each stored file has a hidden metadata sidecar with its data unit, so a restarted adapter can
 * re-announce its store to the data master ({@code LocalFsAdapter.announceAll}).
 *
 * <p>Everything touching the disk runs on this adapter's worker pool; event loops only wire
 * futures and stream HTTP bodies. Locators are untrusted: {@code StoreDirectory} is the single
 * gate between a locator and a path, and no locator can name a temp file or a sidecar.
 */
package io.nearflow.adapters.localfs;
