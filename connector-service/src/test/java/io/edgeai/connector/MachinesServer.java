package io.edgeai.connector;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.api.DataItem;
import org.eclipse.milo.opcua.sdk.server.api.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.api.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.api.config.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.server.EndpointConfiguration;
import org.eclipse.milo.opcua.stack.server.security.DefaultServerCertificateValidator;

/**
 * A real OPC UA server (Eclipse Milo) standing in for a PLC: {@code opc.tcp://127.0.0.1:<port>/edge}, security None,
 * anonymous, and one Double variable per machine and sensor, {@code ns=2;s=<machine>.<sensor>}, with no value until
 * the test writes one ({@link #write}, with the source time the PLC would stamp). Shared with e2e-tests through
 * this module's test-jar.
 */
public final class MachinesServer implements AutoCloseable {

    public static final List<String> AI4I = List.of("air_temperature", "process_temperature", "rotational_speed", "torque",
            "tool_wear");

    private final OpcUaServer server;
    private final Machines namespace;
    public final int port;

    public MachinesServer(int port, List<String> machines, List<String> sensors) throws Exception {
        this.port = port;
        Path pki = Files.createTempDirectory("opcua-pki");
        DefaultTrustListManager trust = new DefaultTrustListManager(pki.toFile());
        EndpointConfiguration endpoint = EndpointConfiguration.newBuilder()
                .setBindAddress("127.0.0.1").setHostname("127.0.0.1").setBindPort(port).setPath("/edge")
                .setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None)
                .addTokenPolicies(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS).build();
        OpcUaServerConfig config = OpcUaServerConfig.builder()
                .setApplicationUri("urn:edgeai:test:machines").setProductUri("urn:edgeai:test")
                .setApplicationName(LocalizedText.english("test machines"))
                .setEndpoints(Set.of(endpoint))
                .setBuildInfo(new BuildInfo("urn:edgeai:test", "edgeai", "test machines", OpcUaServer.SDK_VERSION,
                        "", DateTime.now()))
                .setCertificateManager(new DefaultCertificateManager())
                .setTrustListManager(trust)
                .setCertificateValidator(new DefaultServerCertificateValidator(trust))
                .setIdentityValidator(AnonymousIdentityValidator.INSTANCE)
                .build();
        server = new OpcUaServer(config);
        namespace = new Machines(server, machines, sensors);
        namespace.startup();
        server.startup().get(30, TimeUnit.SECONDS);
    }

    public String url() {
        return "opc.tcp://127.0.0.1:" + port + "/edge";
    }

    /** Writes a variable's value as the PLC would, stamped with its source time. */
    public void write(String machine, String sensor, Object value, Instant sourceTime) {
        UaVariableNode node = namespace.nodes.get(machine + "." + sensor);
        node.setValue(new DataValue(new Variant(value), StatusCode.GOOD, new DateTime(sourceTime), DateTime.now()));
    }

    /** Writes every sensor of a machine with one source time. */
    public void writeAll(String machine, Map<String, Double> values, Instant sourceTime) {
        values.forEach((sensor, value) -> write(machine, sensor, value, sourceTime));
    }

    @Override
    public void close() throws Exception {
        server.shutdown().get(30, TimeUnit.SECONDS);
        namespace.shutdown();
    }

    private static final class Machines extends ManagedNamespaceWithLifecycle {

        final Map<String, UaVariableNode> nodes = new ConcurrentHashMap<>();
        private final SubscriptionModel model;

        Machines(OpcUaServer server, List<String> machines, List<String> sensors) {
            super(server, "urn:edgeai:test:plc-variables");
            model = new SubscriptionModel(server, this);
            getLifecycleManager().addLifecycle(model);
            getLifecycleManager().addStartupTask(() -> {
                for (String machine : machines) {
                    for (String sensor : sensors) {
                        String name = machine + "." + sensor;
                        UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                                .setNodeId(newNodeId(name)).setBrowseName(newQualifiedName(name))
                                .setDisplayName(LocalizedText.english(name))
                                .setAccessLevel(AccessLevel.READ_WRITE).setUserAccessLevel(AccessLevel.READ_WRITE)
                                .setDataType(Identifiers.Double).setTypeDefinition(Identifiers.BaseDataVariableType)
                                .build();
                        node.setValue(new DataValue(new StatusCode(StatusCodes.Bad_WaitingForInitialData)));
                        getNodeManager().addNode(node);
                        nodes.put(name, node);
                    }
                }
            });
        }

        @Override
        public void onDataItemsCreated(List<DataItem> items) {
            model.onDataItemsCreated(items);
        }

        @Override
        public void onDataItemsModified(List<DataItem> items) {
            model.onDataItemsModified(items);
        }

        @Override
        public void onDataItemsDeleted(List<DataItem> items) {
            model.onDataItemsDeleted(items);
        }

        @Override
        public void onMonitoringModeChanged(List<MonitoredItem> items) {
            model.onMonitoringModeChanged(items);
        }
    }
}
