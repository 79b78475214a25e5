package io.framefleet.worker;

/** A processor whose name and version are fixed when it is made. */
public abstract class NamedProcessor implements StageProcessor {

    private final String name;
    private final String version;

    protected NamedProcessor(String name, String version) {
        this.name = name;
        this.version = version;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String version() {
        return version;
    }
}
