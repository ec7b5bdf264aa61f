/**
 * {@link io.vodkit.spi.ObjectStorage} on S3-compatible stores: {@link
 * io.vodkit.storage.s3.S3ObjectStorage}. The only module that sees the AWS SDK.
 */
package io.vodkit.storage.s3;
