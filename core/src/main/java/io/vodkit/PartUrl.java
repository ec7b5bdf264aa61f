package io.vodkit;

import java.net.URI;

/**
 * One planned part of a multipart upload and the presigned URL to PUT it to.
 *
 * @param partNumber 1-based part number
 * @param offsetBytes where the part starts in the file
 * @param sizeBytes exact part size (the last part may be shorter)
 * @param url presigned PUT URL, valid until the session's expiry
 */
public record PartUrl(int partNumber, long offsetBytes, long sizeBytes, URI url) {}
