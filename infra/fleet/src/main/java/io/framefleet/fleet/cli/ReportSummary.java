package io.framefleet.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * A few lines about a job's report.json. The report belongs to the evaluator and will grow, so
 * nothing here knows its fields: top-level values print as they are, objects as
 * {@code key=value} pairs (nested objects flattened with dots), arrays as their length.
 */
final class ReportSummary {

    private static final int MAX_PAIRS = 12;

    private ReportSummary() {
    }

    static List<String> lines(JsonNode report) {
        List<String> lines = new ArrayList<>();
        report.properties().forEach(field -> {
            JsonNode value = field.getValue();
            String shown;
            if (value.isObject()) {
                List<String> pairs = new ArrayList<>();
                flatten("", value, pairs);
                StringJoiner joined = new StringJoiner(" ");
                pairs.stream().limit(MAX_PAIRS).forEach(joined::add);
                shown = joined + (pairs.size() > MAX_PAIRS ? " …" : "");
            } else {
                shown = scalar(value);
            }
            lines.add(field.getKey() + ": " + shown);
        });
        return lines;
    }

    private static void flatten(String prefix, JsonNode node, List<String> pairs) {
        node.properties().forEach(field -> {
            String name = prefix + field.getKey();
            if (field.getValue().isObject()) {
                flatten(name + ".", field.getValue(), pairs);
            } else {
                pairs.add(name + "=" + scalar(field.getValue()));
            }
        });
    }

    private static String scalar(JsonNode value) {
        if (value.isArray()) {
            return "[" + value.size() + " item" + (value.size() == 1 ? "" : "s") + "]";
        }
        if (value.isFloatingPointNumber()) {
            double number = value.doubleValue();
            return Math.abs(number) >= 1000 || number == Math.rint(number)
                    ? String.format(Locale.ROOT, "%.1f", number)
                    : String.format(Locale.ROOT, "%.4g", number);
        }
        return value.asText();
    }
}
