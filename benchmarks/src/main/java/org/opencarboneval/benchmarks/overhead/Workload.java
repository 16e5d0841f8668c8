package org.opencarboneval.benchmarks.overhead;

import java.util.List;

/**
 * One example's training as the harness runs it through the probe: a short warm-up call, then the timed call.
 *
 * @param example the directory under examples/
 * @param warmUp  the example's arguments for the warm-up call
 * @param timed   the example's arguments for the timed call
 */
record Workload(String name, String example, String mainClass, List<String> warmUp, List<String> timed) {

    static Workload dl4j(List<String> timed) {
        return new Workload("dl4j", "dl4j", "org.opencarboneval.examples.dl4j.Dl4jTraining",
            List.of("20", "1000", "50"), timed);
    }

    static Workload djl(List<String> timed) {
        return new Workload("djl", "djl", "org.opencarboneval.examples.djl.DjlTraining",
            List.of("20", "1000", "50"), timed);
    }
}
