package io.framefleet.containers;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The Grafana dashboard reads only metrics the services promise, and shows what operators need. */
class DashboardTest {

    static DashboardFile dashboard;

    @BeforeAll
    static void load() throws IOException {
        dashboard = DashboardFile.load();
    }

    @Test
    void shouldQueryOnlyContractMetricsInEveryPanel() {
        assertThat(dashboard.panels()).isNotEmpty();
        for (DashboardFile.Panel panel : dashboard.panels()) {
            assertThat(panel.expressions()).as(panel.title()).isNotEmpty();
            for (String expr : panel.expressions()) {
                Set<String> metrics = MetricNames.inQuery(expr);
                assertThat(metrics).as(panel.title() + ": " + expr).isNotEmpty();
                assertThat(MetricNames.CONTRACT).as(panel.title() + ": " + expr).containsAll(metrics);
                assertThat(balanced(expr)).as(panel.title() + " has balanced brackets and quotes: " + expr).isTrue();
            }
            assertThat(panel.json().path("datasource").path("uid").asText()).as(panel.title())
                    .isEqualTo(DashboardFile.DATASOURCE_UID);
        }
    }

    @Test
    void shouldShowPerStageLagThroughputLatencyGpuTimeAndFailuresAndPerJobTime() {
        List<String> all = dashboard.panels().stream().flatMap(p -> p.expressions().stream()).toList();
        assertThat(all).as("queue lag per stage").anyMatch(e -> e.contains("kafka_consumer_fetch_manager_records_lag_max")
                && e.contains("\"stage\""));
        assertThat(all).as("tasks/s").anyMatch(e -> e.contains("rate(framefleet_tasks_total{outcome=\"completed\""));
        assertThat(all).as("frames/s").anyMatch(e -> e.contains("rate(framefleet_frames_total"));
        assertThat(all).as("task latency").anyMatch(e -> e.contains("framefleet_task_duration_seconds_sum")
                && e.contains("framefleet_task_duration_seconds_count"));
        assertThat(all).as("GPU-seconds").anyMatch(e -> e.contains("framefleet_task_gpu_seconds_total"));
        assertThat(all).as("failures").anyMatch(e -> e.contains("framefleet_tasks_total{outcome=\"failed\""));
        assertThat(all).as("job end-to-end time").anyMatch(e -> e.contains("framefleet_job_duration_seconds_sum")
                && e.contains("by (kind"));
    }

    @Test
    void shouldHaveUniquePanelIdsAndAStageVariable() {
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.json().path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel id " + panel.path("id")).isTrue();
        }
        assertThat(dashboard.json().path("uid").asText()).isEqualTo("framefleet");
        JsonNode stage = dashboard.json().at("/templating/list/0");
        assertThat(stage.path("name").asText()).isEqualTo("stage");
        assertThat(MetricNames.CONTRACT).containsAll(MetricNames.inQuery(stage.path("definition").asText()));
    }

    @Test
    void shouldFindMetricNamesInQueriesAndExpositions() {
        assertThat(MetricNames.inQuery("sum by (stage) (rate(framefleet_tasks_total{stage=~\"$stage\"}[5m])) / max(kafka_x_y)"))
                .containsExactly("framefleet_tasks_total", "kafka_x_y");
        assertThat(MetricNames.inExposition("# TYPE framefleet_jobs_active gauge\nframefleet_jobs_active 2.0\n"
                + "framefleet_tasks_total{outcome=\"failed\",stage=\"upscale\"} 1.0\n"))
                .containsExactly("framefleet_jobs_active", "framefleet_tasks_total");
    }

    /** A light syntax check: (), {}, [] nest and double quotes pair, honouring backslash escapes. */
    static boolean balanced(String expr) {
        StringBuilder stack = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> quoted = true;
                case '(', '{', '[' -> stack.append(c);
                case ')', '}', ']' -> {
                    if (stack.length() == 0) {
                        return false;
                    }
                    char open = stack.charAt(stack.length() - 1);
                    if ((c == ')' && open != '(') || (c == '}' && open != '{') || (c == ']' && open != '[')) {
                        return false;
                    }
                    stack.setLength(stack.length() - 1);
                }
                default -> { }
            }
        }
        return !quoted && stack.length() == 0;
    }
}
