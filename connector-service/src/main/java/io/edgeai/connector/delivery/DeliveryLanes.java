package io.edgeai.connector.delivery;

import io.edgeai.connector.config.ConnectorProperties;
import io.edgeai.connector.mapping.Mapped;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers messages to the gateway and acknowledges them to the broker only once the gateway answered 2xx. A device
 * always uses the same lane (one thread), so its readings reach the gateway in the order they arrived; a lane sends
 * whatever has queued for a device as one request. While the gateway cannot take readings the lane retries the same
 * batch with growing pauses; nothing is acknowledged, so a crash of the connector loses nothing (the broker sends
 * the messages again). A batch the gateway refuses is sent again one reading at a time, so only the bad readings go
 * to the dead-letter topic.
 */
@Component
public class DeliveryLanes {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLanes.class);

    private final ConnectorProperties properties;
    private final GatewayClient gateway;
    private final AnswerPublisher publisher;
    private final MeterRegistry meters;
    private final List<BlockingQueue<Inbound>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean running;
    private volatile Broker broker;

    public DeliveryLanes(ConnectorProperties properties, GatewayClient gateway, AnswerPublisher publisher,
                         MeterRegistry meters) {
        this.properties = properties;
        this.gateway = gateway;
        this.publisher = publisher;
        this.meters = meters;
        Gauge.builder("edge_connector_pending_messages", pending, AtomicInteger::get)
                .description("messages taken from the broker and not yet acknowledged").register(meters);
    }

    /**
     * Starts the lane threads (once; later calls do nothing); answers are published through {@code broker}, messages
     * are acknowledged to their own source.
     */
    public synchronized void start(Broker broker) {
        if (running) {
            return;
        }
        this.broker = broker;
        running = true;
        for (int i = 0; i < properties.lanes(); i++) {
            BlockingQueue<Inbound> queue = new LinkedBlockingQueue<>();
            queues.add(queue);
            Thread thread = new Thread(() -> run(queue), "connector-lane-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Stops taking work; whatever was not acknowledged stays with the broker. */
    public synchronized void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        queues.clear();
        pending.set(0);
    }

    /** Queues a message on its device's lane (never blocks: the broker's in-flight window bounds the queue). */
    public void submit(Inbound message) {
        List<BlockingQueue<Inbound>> lanes = queues;
        if (!running || lanes.isEmpty()) {
            return;
        }
        String device = message.mapped().deviceId();
        int lane = Math.floorMod(device == null ? message.topic().hashCode() : device.hashCode(), lanes.size());
        pending.incrementAndGet();
        lanes.get(lane).add(message);
    }

    /** Messages taken from the broker and not yet acknowledged. */
    public int pending() {
        return pending.get();
    }

    private void run(BlockingQueue<Inbound> queue) {
        FrameAssembler frames = new FrameAssembler();
        while (running) {
            try {
                Inbound first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                List<Inbound> taken = new ArrayList<>();
                taken.add(first);
                long deadline = System.nanoTime() + properties.linger().toNanos();
                int max = properties.maxBatch() * 4;
                while (taken.size() < max) {
                    Inbound next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    taken.add(next);
                }
                process(taken, frames);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // Never let a lane die: its messages stay unacknowledged and come back after a reconnect.
                log.error("delivery lane failed; its unacknowledged messages will be sent again by the broker", e);
            }
        }
    }

    private void process(List<Inbound> taken, FrameAssembler frames) throws InterruptedException {
        pending.addAndGet(-frames.forget());
        Map<String, List<Work>> byDevice = new LinkedHashMap<>();
        for (Inbound message : taken) {
            if (message.stale()) {
                dropped(List.of(message));
                continue;
            }
            Mapped mapped = message.mapped();
            if (mapped instanceof Mapped.Refused refused) {
                publisher.deadLetter(broker, message, refused.reason(), null);
                acknowledge(List.of(message), "dead_lettered");
            } else if (mapped instanceof Mapped.Ignored) {
                acknowledge(List.of(message), "ignored");
            } else if (mapped instanceof Mapped.ReadingOut reading) {
                byDevice.computeIfAbsent(reading.deviceId(), d -> new ArrayList<>())
                        .add(new Work(reading.deviceId(), reading.machineType(), reading.reading(), List.of(message)));
            } else if (mapped instanceof Mapped.SensorValue value) {
                Work work = frames.add(message, value);
                if (work != null) {
                    byDevice.computeIfAbsent(work.deviceId(), d -> new ArrayList<>()).add(work);
                }
            }
        }
        for (Map.Entry<String, List<Work>> device : byDevice.entrySet()) {
            List<Work> works = device.getValue();
            for (int from = 0; from < works.size(); from += properties.maxBatch()) {
                deliver(device.getKey(), works.subList(from, Math.min(works.size(), from + properties.maxBatch())));
            }
        }
    }

    /** Sends one device's readings until the gateway takes or refuses them, or the broker connection is lost. */
    private void deliver(String deviceId, List<Work> works) throws InterruptedException {
        Duration pause = properties.retry().initial();
        while (running) {
            if (works.stream().anyMatch(Work::stale)) {
                // The broker sends these again on the new connection; delivering this copy would store them twice.
                works.forEach(w -> dropped(w.messages()));
                return;
            }
            List<ObjectNode> readings = works.stream().map(Work::reading).toList();
            Timer.Sample sample = Timer.start(meters);
            GatewayClient.Outcome outcome = gateway.send(deviceId, readings);
            String protocol = works.get(0).protocol();
            sample.stop(meters.timer("edge_connector_gateway_seconds", "outcome",
                    outcome.getClass().getSimpleName().toLowerCase(), "protocol", protocol));
            if (outcome instanceof GatewayClient.Accepted accepted) {
                Work last = works.get(works.size() - 1);
                publisher.answered(broker, deviceId, last.machineType(), accepted.answer());
                meters.counter("edge_connector_readings_total", "protocol", protocol).increment(works.size());
                works.forEach(w -> acknowledge(w.messages(), "delivered"));
                return;
            }
            if (outcome instanceof GatewayClient.Refused refused) {
                if (works.size() > 1) {
                    for (Work work : works) {
                        deliver(deviceId, List.of(work));
                    }
                    return;
                }
                for (Inbound message : works.get(0).messages()) {
                    if (!(message.source() instanceof Broker)) {
                        log.warn("gateway refused a reading of {} ({}): {}", deviceId, message.topic(),
                                refused.reason());
                    }
                    publisher.deadLetter(broker, message, refused.reason(), refused.problem());
                }
                acknowledge(works.get(0).messages(), "dead_lettered");
                return;
            }
            GatewayClient.Retry retry = (GatewayClient.Retry) outcome;
            long wait = Math.max(pause.toMillis(), retry.retryAfter().toMillis());
            meters.counter("edge_connector_gateway_retries_total", "protocol", protocol).increment();
            log.warn("gateway did not take {} reading(s) of {}: {}; retrying in {} ms", works.size(), deviceId,
                    retry.reason(), wait);
            Thread.sleep(wait);
            pause = pause.multipliedBy(2).compareTo(properties.retry().max()) > 0 ? properties.retry().max()
                    : pause.multipliedBy(2);
        }
    }

    private void acknowledge(List<Inbound> messages, String outcome) {
        for (Inbound message : messages) {
            boolean acked = message.source().acknowledge(message);
            meters.counter("edge_connector_messages_total", "outcome", acked ? outcome : "ack_failed",
                    "protocol", message.source().protocol()).increment();
            pending.decrementAndGet();
        }
    }

    private void dropped(List<Inbound> messages) {
        for (Inbound message : messages) {
            meters.counter("edge_connector_messages_total", "outcome", "redelivered_by_broker",
                    "protocol", message.source().protocol()).increment();
        }
        pending.addAndGet(-messages.size());
    }
}
