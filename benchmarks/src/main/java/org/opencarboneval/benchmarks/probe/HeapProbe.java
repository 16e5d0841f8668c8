package org.opencarboneval.benchmarks.probe;

import java.lang.management.ManagementFactory;

/**
 * The heap in use after full collections, printed as {@code probe heap_used_bytes <n>}; on its own a main that
 * idles {@code seconds} first, so that an agent in the same JVM has started, sampled and served for a while.
 */
public final class HeapProbe {

    private HeapProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Long.parseLong(args[0]) * 1000);
        printHeapInUse();
    }

    /** Several collections: objects freed by reference processing need a second one. */
    static void printHeapInUse() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        System.out.println("probe heap_used_bytes " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
}
