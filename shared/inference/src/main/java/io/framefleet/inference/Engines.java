package io.framefleet.inference;

import ai.djl.engine.Engine;

/**
 * The PyTorch engine, started offline: DJL must never try to download natives or models at run time (the fleet's
 * pods have no way out, and a silent download would also change what runs). The CPU natives come from the
 * pytorch-native-cpu jar on the class path.
 */
final class Engines {

    static final String PYTORCH = "PyTorch";

    private Engines() {
    }

    static synchronized Engine pytorch() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        return Engine.getEngine(PYTORCH);
    }
}
