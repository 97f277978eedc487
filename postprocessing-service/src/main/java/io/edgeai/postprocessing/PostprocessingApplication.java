package io.edgeai.postprocessing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Turns model probabilities into stable decisions and alert events. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PostprocessingApplication {

    public static void main(String[] args) {
        SpringApplication.run(PostprocessingApplication.class, args);
    }
}
