package org.opencarboneval.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** The _v3 process row layout as nvitop tells it, from the symbols the driver exports. */
class ProcessRowLayoutTest {

    private static final String CONF_COMPUTE = "nvmlDeviceGetConfComputeMemSizeInfo";
    private static final String DETAIL_LIST = "nvmlDeviceGetRunningProcessDetailList";

    @Test
    void confidentialComputingWithoutTheDetailListMeans32ByteRows() {
        assertEquals(ProcessRowLayout.V3_CONF_COMPUTE, ProcessRowLayout.ofV3(Set.of(CONF_COMPUTE)::contains));
    }

    @Test
    void everyOtherDriverHas24ByteRows() {
        // Debian's real 535.261.03 exports both: the detail list took the extra field back out of nvmlProcessInfo_t
        assertEquals(ProcessRowLayout.V2, ProcessRowLayout.ofV3(Set.of(CONF_COMPUTE, DETAIL_LIST)::contains));
        assertEquals(ProcessRowLayout.V2, ProcessRowLayout.ofV3(Set.of()::contains));
    }

    @Test
    void rowSizesMatchNvmlH() {
        assertEquals(16, ProcessRowLayout.V1.bytes());
        assertEquals(24, ProcessRowLayout.V2.bytes());
        assertEquals(32, ProcessRowLayout.V3_CONF_COMPUTE.bytes());
        assertEquals(32, ProcessRowLayout.WIDEST);
    }
}
