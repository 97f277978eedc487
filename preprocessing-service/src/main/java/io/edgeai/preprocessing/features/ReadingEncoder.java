package io.edgeai.preprocessing.features;

import io.edgeai.features.FeatureEncoder;
import io.edgeai.features.RollingWindow;
import io.edgeai.preprocessing.model.ServedModel;
import io.edgeai.preprocessing.validation.CheckedReading;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Encodes validated readings with the model's shared {@link FeatureEncoder} into one row-major FP32 matrix,
 * pushing each reading into its device's rolling window (in request order) when the spec has a window; a window this
 * instance does not hold is first rebuilt from the device's stored readings ({@link WindowRebuild}).
 */
@Component
public class ReadingEncoder {

    private final DeviceWindows windows;
    private final WindowRebuild rebuild;

    public ReadingEncoder(DeviceWindows windows, WindowRebuild rebuild) {
        this.windows = windows;
        this.rebuild = rebuild;
    }

    /** {@code readings.size() x width} features, row-major, normalised. */
    public float[] encode(ServedModel model, List<CheckedReading> readings) {
        FeatureEncoder encoder = model.encoder();
        int width = encoder.width();
        boolean windowed = encoder.spec().window() != null;
        if (windowed) {
            rebuild.prepare(model, readings); // windows this instance does not hold come from the stored readings
        }
        float[] data = new float[readings.size() * width];
        for (int i = 0; i < readings.size(); i++) {
            CheckedReading r = readings.get(i);
            float[] row;
            if (windowed) {
                RollingWindow window = windows.windowOf(model, r.deviceId());
                synchronized (window) { // RollingWindow is not thread-safe; serialise per device
                    row = encoder.encode(r.sensors(), r.categoricals(), window);
                }
            } else {
                row = encoder.encode(r.sensors(), r.categoricals(), null);
            }
            System.arraycopy(row, 0, data, i * width, width);
        }
        return data;
    }
}
