package io.framefleet.deploycheck;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a service's {@code application.properties} says about its Kafka channels and its shutdown. */
public record ServiceConfig(String service, int httpPort, Map<String, Channel> incoming, Optional<Duration> shutdownTimeout) {

    /** One incoming channel: the topic it reads, the consumer group it reads it in, where failures go. */
    public record Channel(String name, String topic, String groupId, Optional<String> deadLetterTopic) {
    }

    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic");

    public static ServiceConfig read(Path repoRoot, String service) throws IOException {
        Path file = repoRoot.resolve("services").resolve(service).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, Channel> incoming = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher m = INCOMING.matcher(key);
            if (m.matches()) {
                String channel = m.group(1);
                String prefix = "mp.messaging.incoming." + channel + ".";
                String group = properties.getProperty(prefix + "group.id", "");
                Optional<String> deadLetter = "dead-letter-queue".equals(properties.getProperty(prefix + "failure-strategy"))
                        ? Optional.of(properties.getProperty(prefix + "dead-letter-queue.topic",
                                "dead-letter-topic-" + properties.getProperty(key)))
                        : Optional.empty();
                incoming.put(channel, new Channel(channel, properties.getProperty(key), group, deadLetter));
            }
        }
        Optional<Duration> shutdown = Optional.ofNullable(properties.getProperty("quarkus.shutdown.timeout"))
                .map(ServiceConfig::parseDuration);
        return new ServiceConfig(service, Integer.parseInt(properties.getProperty("quarkus.http.port")), incoming, shutdown);
    }

    /** The channel that reads {@code topic}, if any. */
    public Optional<Channel> channelFor(String topic) {
        return incoming.values().stream().filter(c -> c.topic().equals(topic)).findFirst();
    }

    /** Quarkus' short form (60s, 5m, 500ms) or ISO-8601 (PT1M). */
    static Duration parseDuration(String value) {
        String v = value.strip();
        if (v.startsWith("P") || v.startsWith("p")) {
            return Duration.parse(v);
        }
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)?").matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + value);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
