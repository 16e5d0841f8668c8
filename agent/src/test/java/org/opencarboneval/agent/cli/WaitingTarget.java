package org.opencarboneval.agent.cli;

import java.io.IOException;

/** A JVM for the packaged agent to attach to: says it is up, then waits for a line on stdin. */
public final class WaitingTarget {

    private WaitingTarget() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println("ready");
        System.out.flush();
        System.in.read();
    }
}
