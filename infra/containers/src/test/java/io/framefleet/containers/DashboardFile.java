package io.framefleet.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The provisioned Grafana dashboard, infra/docker/grafana/dashboards/framefleet.json. */
record DashboardFile(JsonNode json, List<Panel> panels) {

    /** The uid of the Prometheus datasource Grafana is provisioned with. */
    static final String DATASOURCE_UID = "framefleet-prometheus";

    record Panel(String title, String type, List<String> expressions, JsonNode json) {
    }

    static Path path() {
        return FleetImages.dockerDir().resolve("grafana/dashboards/framefleet.json");
    }

    static DashboardFile load() throws IOException {
        JsonNode json = new ObjectMapper().readTree(path().toFile());
        List<Panel> panels = new ArrayList<>();
        collect(json.path("panels"), panels);
        return new DashboardFile(json, panels);
    }

    /** Rows hold their own panels when collapsed; both levels count. */
    private static void collect(JsonNode nodes, List<Panel> into) {
        for (JsonNode panel : nodes) {
            if ("row".equals(panel.path("type").asText())) {
                collect(panel.path("panels"), into);
                continue;
            }
            List<String> expressions = new ArrayList<>();
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asText(""));
            }
            into.add(new Panel(panel.path("title").asText(""), panel.path("type").asText(""), expressions, panel));
        }
    }

    Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        for (Panel panel : panels) {
            for (String expr : panel.expressions()) {
                names.addAll(MetricNames.inQuery(expr));
            }
        }
        return names;
    }
}
