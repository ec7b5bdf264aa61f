/**
 * {@link io.vodkit.spi.ObjectStorage} on a local directory, with presigned direct uploads served
 * by a small signed-URL PUT endpoint ({@link io.vodkit.storage.fs.FsUploadServer}).
 *
 * <p>Entry points: {@link io.vodkit.storage.fs.FsObjectStorage#withUploadServer} for an embedded
 * setup (storage and listener together, closed together), {@link
 * io.vodkit.storage.fs.FsObjectStorage#create} plus {@link
 * io.vodkit.storage.fs.FsUploadServer#start} when the listener's lifecycle is managed separately.
 */
package io.vodkit.storage.fs;
