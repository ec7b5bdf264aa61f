package io.vodkit.spring;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link VodkitJobGauges} with the application's {@link MeterRegistry} when Micrometer is
 * on the class path, a registry bean exists and the starter built the pipeline.
 */
@AutoConfiguration(
    after = VodkitAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, VodkitParts.class})
public class VodkitMetricsAutoConfiguration {

  /** Public for Spring; applications never create it. */
  public VodkitMetricsAutoConfiguration() {}

  /** The job gauges, registered with the registry at once. */
  @Bean
  @ConditionalOnMissingBean
  public VodkitJobGauges vodkitJobGauges(VodkitParts parts, MeterRegistry registry) {
    VodkitJobGauges gauges = new VodkitJobGauges(parts.store());
    gauges.register(registry);
    return gauges;
  }
}
