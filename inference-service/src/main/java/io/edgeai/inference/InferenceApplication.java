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
        // One PyTorch thread per execution: parallelism comes from batching and instance_count. Intra-op threads
        // spin-wait for each other, and on a small box shared with Tomcat they stall small models by milliseconds.
        System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads", "1"));
        System.setProperty("ai.djl.pytorch.num_interop_threads",
                System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
        SpringApplication.run(InferenceApplication.class, args);
    }
}
