/**
 * {@link io.vodkit.spi.ObjectStorage} on a local directory, with presigned direct uploads served
 * by a small signed-URL PUT endpoint ({@link io.vodkit.storage.fs.FsUploadServer}) and the public
 * objects served to players by an HTTP origin ({@link io.vodkit.storage.fs.FsOriginServer}: the
 * "cdn" base URL, with ranges, ETags, CORS and the objects' cache policy).
 *
 * <p>Entry points: {@link io.vodkit.storage.fs.FsObjectStorage#withUploadServer} for an embedded
 * setup (storage and listener together, closed together), {@link
 * io.vodkit.storage.fs.FsObjectStorage#create} plus {@link
 * io.vodkit.storage.fs.FsUploadServer#start} when the listener's lifecycle is managed separately,
 * and {@link io.vodkit.storage.fs.FsOriginServer#start} for the origin.
 */
package io.vodkit.storage.fs;
