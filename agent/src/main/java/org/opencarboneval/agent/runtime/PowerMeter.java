package org.opencarboneval.agent.runtime;

/** A source of power readings for the sampling loop; never throws from {@link #read}. */
public interface PowerMeter extends AutoCloseable {

    /** One line describing what is measured and how (for the ledger and the console). */
    String status();

    /** The sensors now; a sensor that fails adds no energy to this reading and loses none already counted. */
    PowerReading read();

    @Override
    void close();
}
