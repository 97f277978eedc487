package io.edgeai.preprocessing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Turns raw sensor readings into validated model features. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PreprocessingApplication {

    public static void main(String[] args) {
        SpringApplication.run(PreprocessingApplication.class, args);
    }
}
