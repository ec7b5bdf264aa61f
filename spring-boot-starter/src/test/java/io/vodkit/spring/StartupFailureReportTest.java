package io.vodkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.VodkitException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/**
 * A real {@code SpringApplication} start with a missing setting: start-up fails, and Spring Boot's
 * report (through {@link VodkitFailureAnalyzer}, registered in {@code META-INF/spring.factories})
 * names the property to set.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTest {
  @TempDir Path dir;

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration(VodkitAutoConfiguration.class)
  static class App {}

  @Test
  void theReportNamesTheMissingProperty(CapturedOutput output) {
    SpringApplicationBuilder app = new SpringApplicationBuilder(App.class)
        .web(WebApplicationType.NONE)
        .properties("vodkit.data-dir=" + dir, "vodkit.storage.type=s3", "vodkit.base-urls.cdn=https://cdn.example.com/");
    assertThatThrownBy(app::run).hasRootCauseInstanceOf(VodkitException.class);
    assertThat(output.toString())
        .contains("APPLICATION FAILED TO START")
        .contains("vodkit is misconfigured: vodkit.storage.s3.bucket is required when vodkit.storage.type=s3")
        .contains("Set vodkit.storage.s3.bucket (application.yml");
  }
}
