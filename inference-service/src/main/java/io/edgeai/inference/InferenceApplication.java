package io.edgeai.inference;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The model server: Open Inference Protocol v2 over a Triton-like model repository. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class InferenceApplication {

    public static void main(String[] args) {
        // DJL reads these before its first class loads; without them the engine phones home at start.
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        System.setProperty("OPT_OUT_TRACKING", "true");
        SpringApplication.run(InferenceApplication.class, args);
    }
}
