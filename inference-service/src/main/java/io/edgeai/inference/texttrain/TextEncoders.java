package io.edgeai.inference.texttrain;

import io.edgeai.inference.repository.ModelConfig;
import io.edgeai.inference.repository.ModelNotFoundException;
import io.edgeai.inference.repository.ModelVersion;
import io.edgeai.inference.repository.ServedEncoder;
import io.edgeai.inference.repository.ServedVersions;
import io.edgeai.inference.training.core.TrainingRejectedException;

/** Finds the served sentence encoder a text classifier is trained on (its newest served version, then pinned). */
public final class TextEncoders {

    private TextEncoders() {
    }

    /**
     * @param name the encoder model
     * @param user the model being trained, for messages
     * @throws TrainingRejectedException 400 when the model is not served or is not a text encoder
     */
    public static TextClassifierTrainer.Encoder resolve(ServedVersions served, String name, String user) {
        ModelVersion v;
        try {
            v = served.resolve(name, null);
        } catch (ModelNotFoundException e) {
            throw new TrainingRejectedException("mapping.encoder: model '" + name + "' is not served (the built-in "
                    + "encoders are all-minilm-l6-v2 and all-minilm-l6-v2-int8; see edge.inference.builtin-models)");
        }
        if (v.config().textEncoder() == null) {
            throw new TrainingRejectedException("mapping.encoder: model '" + name + "' is not a text encoder "
                    + "(platform onnx with a text_encoder block)");
        }
        ModelConfig.EncoderReference reference = new ModelConfig.EncoderReference(name, v.version());
        return new TextClassifierTrainer.Encoder(name, v.version(), v.config().textEncoder().maxTokens(),
                new ServedEncoder(served, reference, user));
    }
}
