package io.vodkit;

/**
 * Receives {@link PipelineEvent}s. Called synchronously on worker or caller threads; an exception
 * thrown here is logged and ignored.
 */
@FunctionalInterface
public interface PipelineListener {
  /** A listener that does nothing. */
  PipelineListener NONE = event -> {};

  void onEvent(PipelineEvent event);
}
