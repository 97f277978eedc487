package io.edgeai.connector.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.edgeai.connector.config.OpcUaProperties;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.api.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.api.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaSubscription;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DataChangeTrigger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DeadbandType;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MonitoringMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.DataChangeFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoredItemCreateRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoringParameters;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;

/** The Milo calls an endpoint needs: a client for the configured server, its subscription, and value helpers. */
final class MiloClients {

    /** Values each monitored item may queue between two publishes (a PLC writing faster than the interval). */
    private static final int QUEUE_SIZE = 10;

    private MiloClients() {
    }

    /** A subscription and its monitored items, in the order of the nodes asked for. */
    record Subscribed(UaSubscription subscription, List<UaMonitoredItem> items) {
    }

    /** A client of the endpoint's None-security endpoint, anonymous or with a user name; not connected yet. */
    static OpcUaClient create(OpcUaProperties.Endpoint config) throws UaException {
        URI uri = URI.create(config.url());
        int port = uri.getPort() < 0 ? 4840 : uri.getPort();
        return OpcUaClient.create(config.url(),
                endpoints -> endpoints.stream()
                        .filter(e -> SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri()))
                        .findFirst()
                        // Servers often announce a host name of their own; the configured one is the reachable one.
                        .map(e -> EndpointUtil.updateUrl(e, uri.getHost(), port)),
                builder -> builder.setApplicationName(LocalizedText.english("Edge AI Suite connector"))
                        .setApplicationUri("urn:edgeai:connector")
                        .setIdentityProvider(config.username().isBlank() ? new AnonymousProvider()
                                : new UsernameProvider(config.username(), config.password()))
                        // Milo's keep-alive (a read every 5 s) notices a server that went away.
                        .setConnectTimeout(uint(5_000)).setRequestTimeout(uint(10_000)).build());
    }

    /** One subscription with a monitored item per node, each reporting every new sample to {@code consumer}. */
    static Subscribed subscribe(OpcUaClient client, OpcUaProperties.Endpoint config, Collection<NodeId> nodes,
                                UaMonitoredItem.ValueConsumer consumer) throws Exception {
        UaSubscription subscription = client.getSubscriptionManager()
                .createSubscription((double) config.publishingInterval().toMillis()).get(10, TimeUnit.SECONDS);
        // StatusValueTimestamp: a value written again (same value, new source time) is a new sample too.
        ExtensionObject filter = ExtensionObject.encode(client.getStaticSerializationContext(),
                new DataChangeFilter(DataChangeTrigger.StatusValueTimestamp, uint(DeadbandType.None.getValue()), 0.0));
        List<MonitoredItemCreateRequest> requests = new ArrayList<>();
        for (NodeId node : nodes) {
            requests.add(new MonitoredItemCreateRequest(
                    new ReadValueId(node, AttributeId.Value.uid(), null, QualifiedName.NULL_VALUE),
                    MonitoringMode.Reporting, new MonitoringParameters(subscription.nextClientHandle(),
                    (double) config.samplingInterval().toMillis(), filter, uint(QUEUE_SIZE), true)));
        }
        List<UaMonitoredItem> items = subscription.createMonitoredItems(TimestampsToReturn.Both, requests,
                (item, i) -> item.setValueConsumer(consumer)).get(10, TimeUnit.SECONDS);
        return new Subscribed(subscription, items);
    }

    /** The value's source time, else the server's, else its arrival. */
    static Instant timeOf(DataValue value, Instant arrived) {
        for (DateTime time : new DateTime[] {value.getSourceTime(), value.getServerTime()}) {
            if (time != null && time.getJavaTime() > 0) {
                return time.getJavaInstant();
            }
        }
        return arrived;
    }

    /** A status code's name, e.g. {@code Bad_NodeIdUnknown}. */
    static String name(StatusCode status) {
        return StatusCodes.lookup(status.getValue()).map(names -> names[0]).orElse(status.toString());
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
