package io.framefleet.bench;

/** docs/benchmarks.md as a list of {@code ## } sections, so one part's rerun replaces only its own. */
final class BenchmarksFile {

    /** Measured elsewhere and kept last, after every section this machine's runs make. */
    static final String GPU_HEADING = "## On a GPU";

    private BenchmarksFile() {
    }

    /**
     * The document with the section of the same {@code ## } heading replaced by {@code section}; a section not
     * there yet goes before the GPU section, or else before the closing "Whole run" line, or else at the end.
     */
    static String replaceSection(String document, String section) {
        int newline = section.indexOf('\n');
        String heading = newline < 0 ? section : section.substring(0, newline);
        String body = section.stripTrailing() + "\n\n";
        int start = headingAt(document, heading + "\n");
        if (start >= 0) {
            int end = nextBoundary(document, start + heading.length());
            return document.substring(0, start) + body + document.substring(end);
        }
        int at = headingAt(document, GPU_HEADING);
        if (at < 0) {
            int closing = document.lastIndexOf("\nWhole run: ");
            at = closing < 0 ? -1 : closing + 1;
        }
        if (at >= 0) {
            return document.substring(0, at) + body + document.substring(at);
        }
        return document.stripTrailing() + "\n\n" + body;
    }

    /** Start of the line that begins with {@code prefix}, or -1. */
    private static int headingAt(String document, String prefix) {
        if (document.startsWith(prefix)) {
            return 0;
        }
        int i = document.indexOf("\n" + prefix);
        return i < 0 ? -1 : i + 1;
    }

    /** Where the section that starts before {@code from} ends: the next {@code ## } heading or the closing line. */
    private static int nextBoundary(String document, int from) {
        int next = document.indexOf("\n## ", from);
        int closing = document.indexOf("\nWhole run: ", from);
        int end = document.length();
        if (next >= 0) {
            end = next + 1;
        }
        if (closing >= 0 && closing + 1 < end) {
            end = closing + 1;
        }
        return end;
    }
}
