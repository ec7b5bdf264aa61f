package io.vodkit.spring;

import io.vodkit.ErrorCode;
import io.vodkit.VodkitException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start-up failure caused by a {@code CONFIGURATION} {@link VodkitException} into Spring
 * Boot's "APPLICATION FAILED TO START" report: what is wrong, and which property to set.
 */
public final class VodkitFailureAnalyzer extends AbstractFailureAnalyzer<VodkitException> {

  /** Public for Spring's loader. */
  public VodkitFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, VodkitException cause) {
    if (cause.code() != ErrorCode.CONFIGURATION) {
      return null;
    }
    String action = cause.field() != null
        ? "Set " + cause.field() + " (application.yml, application.properties or the environment)."
        : "Check the vodkit.* settings.";
    return new FailureAnalysis("vodkit is misconfigured: " + cause.getMessage(), action, cause);
  }
}
