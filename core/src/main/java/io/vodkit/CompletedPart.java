package io.vodkit;

/**
 * A part the client uploaded, as it reports it when completing the upload.
 *
 * @param partNumber 1-based part number
 * @param etag the ETag the storage returned for that part (quotes optional)
 */
public record CompletedPart(int partNumber, String etag) {
  public CompletedPart {
    if (partNumber < 1 || partNumber > 10_000) {
      throw VodkitException.invalid("parts", "part number must be 1..10000, was " + partNumber);
    }
    if (etag == null || etag.isBlank()) {
      throw VodkitException.invalid("parts", "part " + partNumber + " has no etag");
    }
    etag = stripQuotes(etag);
  }

  /** {@code "abc"} → {@code abc}; ETags compare without their quotes. */
  public static String stripQuotes(String etag) {
    String e = etag.trim();
    if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
      return e.substring(1, e.length() - 1);
    }
    return e;
  }
}
