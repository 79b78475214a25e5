package io.framefleet.testing;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Main class of the tests' Kafka child process (KRaft, broker and controller in one JVM): formats the log folder,
 * then runs {@code kafka.Kafka}. It runs on the broker's own class path, which holds none of the tests'
 * libraries, so Kafka is reached by reflection and only JDK classes are used.
 * <p>
 * Arguments: {@code <server.properties> <cluster id> <log dir>}.
 */
public final class KafkaChildMain {

    private KafkaChildMain() {
    }

    public static void main(String[] args) throws Exception {
        Path logDir = Path.of(args[2]);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            Method format = Class.forName("kafka.tools.StorageTool")
                    .getMethod("execute", String[].class, java.io.PrintStream.class);
            int exitCode = (int) format.invoke(null, (Object) new String[] {
                "format", "--config", args[0], "--cluster-id", args[1], "--ignore-formatted"}, System.out);
            if (exitCode != 0) {
                System.exit(exitCode);
            }
        }
        Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) new String[] {args[0]});
    }
}
