package io.edgeai.inference.csvtrain;

import io.edgeai.inference.texttrain.TextTrainingOptions;
import io.edgeai.inference.training.core.TrainingRejectedException;

/** Checks the column mapping of a text classifier: one text column, a label whose every value is a class. */
final class TextMappings {

    private TextMappings() {
    }

    static TextTrainingOptions options(ColumnMapping m) {
        if (m.features().size() != 1) {
            throw new TrainingRejectedException("mapping.features: a text model takes exactly one column of type "
                    + "text (numeric and categorical features cannot be combined with text yet)");
        }
        ColumnMapping.Feature f = m.features().get(0);
        if (f.column() == null || f.column().isBlank()) {
            throw new TrainingRejectedException("mapping.features[0].column is required");
        }
        if (m.label() == null || m.label().column() == null || m.label().column().isBlank()) {
            throw new TrainingRejectedException("mapping.label.column is required");
        }
        if (f.column().equals(m.label().column())) {
            throw new TrainingRejectedException("mapping.features[0]: column '" + f.column() + "' is also the label");
        }
        if (m.label().faultValues() != null || m.label().multiclass() != null || m.label().name() != null) {
            throw new TrainingRejectedException("mapping.label: faultValues, multiclass and name do not apply to a "
                    + "text model: every distinct value of the label column is a class");
        }
        if (m.group() != null || m.time() != null) {
            throw new TrainingRejectedException("mapping.group and mapping.time are not supported for text models "
                    + "(rows are split stratified by class)");
        }
        if (m.epochs() != null && (m.epochs() < 1 || m.epochs() > 1000)) {
            throw new TrainingRejectedException("mapping.epochs must be between 1 and 1000");
        }
        if (m.hiddenUnits() != null && m.hiddenUnits().stream().anyMatch(u -> u == null || u < 1 || u > 1024)) {
            throw new TrainingRejectedException("mapping.hiddenUnits must be between 1 and 1024 each");
        }
        if (m.learningRate() != null && !(m.learningRate() > 0 && m.learningRate() < 1)) {
            throw new TrainingRejectedException("mapping.learningRate must be in (0, 1)");
        }
        return new TextTrainingOptions(f.column(), m.label().column(), m.epochs(), m.hiddenUnits(), m.learningRate(),
                m.seed());
    }
}
