package io.framefleet.fleet.child;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Main class of the Kafka child process: formats the KRaft log directory when it is new, then
 * runs {@code kafka.Kafka} in the same JVM. Formatting in its own JVM would cost a second start
 * of the Scala runtime (about 1.5 s here) on every fleet start.
 *
 * <p>Runs on the broker's class path, which does not hold the fleet's libraries, so Kafka is
 * reached by reflection and only JDK classes are used.
 *
 * <p>Arguments: {@code <server.properties> <cluster id> <log dir>}.
 */
public final class KafkaServerMain {

    private KafkaServerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: KafkaServerMain <server.properties> <cluster id> <log dir>");
        }
        String properties = args[0];
        String clusterId = args[1];
        Path logDir = Path.of(args[2]);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            // Static quorum (controller.quorum.voters in the properties), so no --standalone:
            // that flag writes the controller's host:port into the metadata log, and a restart
            // on other ports would then not find its own quorum.
            Method format = Class.forName("kafka.tools.StorageTool")
                    .getMethod("execute", String[].class, java.io.PrintStream.class);
            int exitCode = (int) format.invoke(null, (Object) new String[] {
                "format", "--config", properties, "--cluster-id", clusterId, "--ignore-formatted"}, System.out);
            if (exitCode != 0) {
                System.err.println("kafka storage format failed with exit code " + exitCode);
                System.exit(exitCode);
            }
        }
        Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) new String[] {properties});
    }
}
