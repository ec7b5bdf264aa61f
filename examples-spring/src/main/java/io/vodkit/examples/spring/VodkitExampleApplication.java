package io.vodkit.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application serving the core {@code /v1/videos} endpoints ({@link VideoController})
 * on the {@code VideoPipeline} bean of {@code vodkit-spring-boot-starter}. Run it with {@code
 * vodkit.*} settings in {@code application.yml}; with none it uses the embedded defaults under
 * {@code vodkit-data}.
 */
@SpringBootApplication
public class VodkitExampleApplication {

  /** Starts the application. */
  public static void main(String[] args) {
    SpringApplication.run(VodkitExampleApplication.class, args);
  }
}
