package io.vodkit.storage.fs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * An object's validators (strong {@code ETag}, {@code Last-Modified}) and the conditional request
 * headers evaluated against them, in RFC 9110 §13.2.2 order: {@code If-None-Match} first (weak
 * comparison, {@code *} matches), {@code If-Modified-Since} only when there is no {@code
 * If-None-Match}, and {@code If-Range} (strong comparison, or an exact date) deciding whether a
 * {@code Range} is honoured. Unparseable dates are ignored, as the RFC asks. Immutable.
 *
 * @param etag the quoted strong entity tag, e.g. {@code "9e107d9d372bb6826bd81d3542a419d6"}
 * @param lastModified the modification time, truncated to whole seconds as HTTP dates are
 */
record Validators(String etag, Instant lastModified) {
  /** IMF-fixdate, the one HTTP date format servers send (RFC 9110 §5.6.7). */
  static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  /** Validators of an object with the unquoted {@code etag} stored for it. */
  static Validators of(String rawEtag, Instant lastModified) {
    return new Validators("\"" + rawEtag + "\"", lastModified.truncatedTo(ChronoUnit.SECONDS));
  }

  /** The {@code Last-Modified} header value. */
  String lastModifiedHeader() {
    return HTTP_DATE.format(lastModified);
  }

  /** Whether a GET or HEAD with these headers (null when absent) is answered 304. */
  boolean notModified(String ifNoneMatch, String ifModifiedSince) {
    if (ifNoneMatch != null) {
      return matchesAny(ifNoneMatch);
    }
    Instant since = parseDate(ifModifiedSince);
    return since != null && !lastModified.isAfter(since);
  }

  /** Whether a {@code Range} may be honoured given {@code If-Range} (null when absent). */
  boolean rangeApplies(String ifRange) {
    if (ifRange == null) {
      return true;
    }
    String v = ifRange.trim();
    if (v.startsWith("\"") || v.startsWith("W/")) {
      return v.equals(etag); // strong comparison: a weak tag never matches
    }
    Instant date = parseDate(v);
    return date != null && date.equals(lastModified);
  }

  /** Weak comparison of every entity tag in an {@code If-None-Match} list. */
  private boolean matchesAny(String list) {
    for (String candidate : list.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*")) {
        return true;
      }
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  private static Instant parseDate(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    try {
      return Instant.from(HTTP_DATE.parse(v));
    } catch (DateTimeParseException e) {
      try {
        return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(v));
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
