package io.edgeai.preprocessing.features;

import io.edgeai.features.RollingWindow;
import io.edgeai.preprocessing.config.PreprocessingProperties;
import io.edgeai.preprocessing.model.ServedModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The rolling window of every device, per model: bounded by {@code edge.preprocessing.max-devices}; beyond it the
 * least recently seen device is forgotten. A new model version gets new windows, because its window spec may differ.
 * A window this instance does not hold is rebuilt from the device's stored readings before use ({@link WindowRebuild});
 * without data-shard it starts empty.
 *
 * <p>Metrics: {@code edge.preprocessing.windows.devices} (held now) and {@code edge.preprocessing.windows.evictions}.
 */
@Component
public class DeviceWindows {

    private final int capacity;
    private final Map<String, Slot> slots;
    private final Counter evictions;

    public DeviceWindows(PreprocessingProperties properties, MeterRegistry meters) {
        this.capacity = properties.maxDevices();
        this.evictions = Counter.builder("edge.preprocessing.windows.evictions")
                .description("Device windows forgotten because more than max-devices devices were active")
                .register(meters);
        this.slots = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Slot> eldest) {
                if (size() > capacity) {
                    evictions.increment();
                    return true;
                }
                return false;
            }
        };
        Gauge.builder("edge.preprocessing.windows.devices", this, DeviceWindows::size)
                .description("Device windows held in memory").register(meters);
    }

    /** The device's window for this model version, created (or restarted on a version change) when needed. */
    public RollingWindow windowOf(ServedModel model, String deviceId) {
        String key = model.name() + '\u0000' + deviceId;
        synchronized (slots) {
            Slot slot = slots.get(key);
            if (slot == null || !slot.version.equals(String.valueOf(model.version()))) {
                slot = new Slot(String.valueOf(model.version()), model.encoder().newWindow());
                slots.put(key, slot);
            }
            return slot.window;
        }
    }

    /** The devices among these with no window for this model version here (new, evicted, restarted, new version). */
    public Set<String> unknown(ServedModel model, Collection<String> deviceIds) {
        Set<String> out = new LinkedHashSet<>();
        synchronized (slots) {
            for (String deviceId : deviceIds) {
                Slot slot = slots.get(model.name() + '\u0000' + deviceId);
                if (slot == null || !slot.version.equals(String.valueOf(model.version()))) {
                    out.add(deviceId);
                }
            }
        }
        return out;
    }

    /** Installs a rebuilt window, unless a request gave the device one for this version meanwhile (that is newer). */
    public void adopt(ServedModel model, String deviceId, RollingWindow window) {
        String key = model.name() + '\u0000' + deviceId;
        synchronized (slots) {
            Slot slot = slots.get(key);
            if (slot == null || !slot.version.equals(String.valueOf(model.version()))) {
                slots.put(key, new Slot(String.valueOf(model.version()), window));
            }
        }
    }

    /** Devices whose window is held. */
    public int size() {
        synchronized (slots) {
            return slots.size();
        }
    }

    private record Slot(String version, RollingWindow window) {
    }
}
