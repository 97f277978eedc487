package io.edgeai.connector.mqtt;

import io.edgeai.connector.config.MqttProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MqttDefaultFilePersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Making and unmaking the connector's Paho client: one persistent store, manual acknowledgements. */
final class PahoClients {

    private static final Logger log = LoggerFactory.getLogger(PahoClients.class);

    private PahoClients() {
    }

    /** A client on the store in {@code persistenceDir} (the session's QoS 1 state survives a new client). */
    static MqttAsyncClient create(MqttProperties mqtt, Path persistenceDir, MqttCallbackExtended callback) {
        try {
            Files.createDirectories(persistenceDir);
            MqttAsyncClient client = new MqttAsyncClient(mqtt.broker(), mqtt.clientId(),
                    new MqttDefaultFilePersistence(persistenceDir.toString()));
            client.setManualAcks(true);
            client.setCallback(callback);
            return client;
        } catch (Exception e) {
            throw new IllegalStateException("edge.connector.mqtt: cannot create the client for " + mqtt.broker()
                    + " with its store in " + persistenceDir + ": " + e.getMessage(), e);
        }
    }

    /** Drops the connection (or the connect in progress) without a DISCONNECT, then closes the client and its store. */
    static void closeByForce(MqttAsyncClient client) {
        try {
            client.disconnectForcibly(0, 0, false);
        } catch (MqttException e) {
            log.debug("MQTT forced disconnect: {}", e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("MQTT close: {}", e.toString());
        }
    }
}
