package io.prometheus.metrics.expositionformats;

import java.io.IOException;
import java.io.OutputStream;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * Stands in for the Prometheus client's class of this name, which the agent's jar leaves out (with its 1.6 MB of
 * shaded protobuf). The client's own copy says it accepts a protobuf request even when its protobuf half is missing,
 * and the scrape then fails with HTTP 500: a Prometheus with native histograms enabled asks for protobuf first and
 * got no data at all. This one declines, so such a scrape is answered in OpenMetrics or text, which the request also
 * accepts. The client's copy is filtered out of the shaded jar (agent/pom.xml); on a plain class path this module's
 * classes come before the client's jar.
 */
public class PrometheusProtobufWriter implements ExpositionFormatWriter {

    public static final String CONTENT_TYPE =
        "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

    @Override
    public boolean accepts(String acceptHeader) {
        return false;
    }

    @Override
    public String getContentType() {
        return CONTENT_TYPE;
    }

    @Override
    public boolean isAvailable() {
        return false;
    }

    @Override
    public void write(OutputStream out, MetricSnapshots snapshots, EscapingScheme escaping) throws IOException {
        throw new UnsupportedOperationException("the protobuf format is not in this build; accepts() declines it");
    }
}
