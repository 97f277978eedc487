package io.edgeai.hub.model;

import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.hub.ModelPackage;
import io.edgeai.contracts.hub.ModelWeights;
import io.edgeai.contracts.model.ModelNames;
import io.edgeai.contracts.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Checks a published package and decodes its weights; a bad one is refused whole, naming every field. */
final class PackageRules {

    private PackageRules() {
    }

    /** The package's weights, once the checksum over their bytes matches the declared one. */
    static ModelWeights check(String model, ModelPackage p, long maxBytes) {
        List<FieldViolation> out = new ArrayList<>();
        String name = ModelNames.problem(model);
        if (name != null) {
            out.add(new FieldViolation("model", name));
        } else if (p.model() != null && !p.model().equals(model)) {
            out.add(new FieldViolation("model", "is '" + p.model() + "' but the path names '" + model + "'"));
        }
        if (p.config() == null || !(p.config().get("architecture") instanceof java.util.Map)) {
            out.add(new FieldViolation("config.architecture", "is required: only versions with an architecture "
                    + "can be exchanged and averaged"));
        }
        if (p.rows() < 1) {
            out.add(new FieldViolation("rows", "must be the training rows behind the weights, >= 1"));
        }
        if (p.sha256() == null || !p.sha256().matches("[0-9a-f]{64}")) {
            out.add(new FieldViolation("sha256", "must be 64 lower-case hex digits"));
        }
        byte[] bytes = null;
        if (p.weights() == null || p.weights().isEmpty()) {
            out.add(new FieldViolation("weights", "is required"));
        } else if (p.weights().length() / 4 * 3 > maxBytes) {
            out.add(new FieldViolation("weights", "are larger than the hub accepts (" + maxBytes + " bytes)"));
        } else {
            try {
                bytes = Base64.getDecoder().decode(p.weights());
            } catch (IllegalArgumentException e) {
                out.add(new FieldViolation("weights", "is not base64: " + e.getMessage()));
            }
        }
        ModelWeights weights = null;
        if (bytes != null && p.sha256() != null && p.sha256().matches("[0-9a-f]{64}")) {
            String actual = ModelWeights.sha256(bytes);
            if (!actual.equals(p.sha256())) {
                out.add(new FieldViolation("sha256", "does not match the weights: they hash to " + actual));
            } else {
                try {
                    weights = ModelWeights.decode(bytes);
                } catch (IllegalArgumentException e) {
                    out.add(new FieldViolation("weights", e.getMessage()));
                }
            }
        }
        if (!out.isEmpty()) {
            throw new InvalidRequestException(out);
        }
        return weights;
    }
}
