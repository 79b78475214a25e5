package io.framefleet.containers;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Metric names in Prometheus text and in PromQL, and the names the services promise to expose. */
final class MetricNames {

    /**
     * The sample names the services expose (Prometheus text format of Micrometer): counters end in
     * {@code _total}, timers and distribution summaries give {@code _count}, {@code _sum} and {@code _max}.
     */
    static final Set<String> CONTRACT = Set.of(
            "framefleet_tasks_total",
            "framefleet_frames_total",
            "framefleet_task_duration_seconds_count",
            "framefleet_task_duration_seconds_sum",
            "framefleet_task_duration_seconds_max",
            "framefleet_task_queue_seconds_count",
            "framefleet_task_queue_seconds_sum",
            "framefleet_task_queue_seconds_max",
            "framefleet_task_cpu_seconds_total",
            "framefleet_task_gpu_seconds_total",
            "framefleet_worker_busy",
            "kafka_consumer_fetch_manager_records_lag_max",
            "framefleet_planner_tasks_dispatched_total",
            "framefleet_jobs_total",
            "framefleet_job_duration_seconds_count",
            "framefleet_job_duration_seconds_sum",
            "framefleet_job_duration_seconds_max",
            "framefleet_jobs_active",
            "framefleet_ingest_requests_total");

    private static final Pattern METRIC_IN_QUERY = Pattern.compile("\\b((?:framefleet|kafka)_[a-zA-Z0-9_]+)\\b");

    private MetricNames() {
    }

    /** The sample names in a Prometheus text exposition. */
    static Set<String> inExposition(String text) {
        Set<String> names = new TreeSet<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    /** The framefleet_ and kafka_ metric names a PromQL expression reads. */
    static Set<String> inQuery(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC_IN_QUERY.matcher(promql);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static boolean covers(Set<String> scraped, String metric) {
        return scraped.contains(metric);
    }
}
