package io.edgeai.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgeai.connector.mqtt.MqttConnector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A broker that takes the TCP connection and never answers the CONNECT (as a broker half up after a restart did in
 * MqttConnectorIT) must not leave the connector stuck: Paho then refuses every later connect with "connect already
 * in progress" (32110) unless the client is made again. A proxy in front of the real Mosquitto swallows the first
 * connection and forwards the next ones: the connector has to get through.
 */
class MqttStalledConnectTest {

    @Test
    void aConnectThatNeverGetsItsConnackIsAbandonedAndTheNextOneGetsThrough() throws Exception {
        assumeTrue(MqttConnectorTest.brokerAnswers(), "no MQTT broker on 127.0.0.1:1883");
        String run = "edgestall-" + UUID.randomUUID().toString().substring(0, 8);
        List<Socket> open = new CopyOnWriteArrayList<>();
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket proxy = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             StandInGateway gateway = new StandInGateway()) {
            Thread acceptor = new Thread(() -> accept(proxy, connections, open), "stalling-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
            ConfigurableApplicationContext app = new SpringApplication(ConnectorApplication.class).run(
                    "--server.port=0",
                    "--edge.connector.gateway.uri=" + gateway.uri(),
                    "--edge.connector.gateway.api-key=" + StandInGateway.KEY,
                    "--edge.connector.data-dir=" + Files.createTempDirectory("connector-stall"),
                    "--edge.connector.mqtt.broker=tcp://127.0.0.1:" + proxy.getLocalPort(),
                    "--edge.connector.mqtt.client-id=" + run,
                    "--edge.connector.mqtt.subscriptions[0].filter=" + run + "/+/+/telemetry",
                    "--edge.connector.mqtt.subscriptions[0].device-id=topic[2]",
                    "--edge.connector.mqtt.subscriptions[0].machine-type=topic[1]");
            try {
                // the first connect waits out Paho's 10 s connection timeout; the client made again connects
                assertThat(app.getBean(MqttConnector.class).awaitConnected(60_000)).isTrue();
                assertThat(connections.get()).isGreaterThanOrEqualTo(2);
            } finally {
                app.close();
                for (Socket s : open) {
                    s.close();
                }
            }
        }
    }

    /** The first connection is held open and never answered; the next ones are piped to 127.0.0.1:1883. */
    private static void accept(ServerSocket proxy, AtomicInteger connections, List<Socket> open) {
        while (!proxy.isClosed()) {
            try {
                Socket client = proxy.accept();
                open.add(client);
                if (connections.incrementAndGet() == 1) {
                    continue; // swallowed: TCP up, CONNECT never answered
                }
                Socket broker = new Socket();
                broker.connect(new InetSocketAddress("127.0.0.1", 1883), 2000);
                open.add(broker);
                pipe(client.getInputStream(), broker.getOutputStream());
                pipe(broker.getInputStream(), client.getOutputStream());
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pipe(InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            try (in; out) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // one side closed
            }
        }, "stalling-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }
}
