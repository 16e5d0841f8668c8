package org.opencarboneval.nvml;

import java.util.List;
import java.util.function.LongFunction;

/**
 * The monitored process's share of one GPU that other processes use too: its share of the SM utilization in NVML's
 * per-process samples, else its share of the device memory the listed processes hold. Samples arrive only when
 * processes ran kernels; between them the last utilization share stands. A GPU that NVML shows other processes on,
 * and not this one, is none of this process's: every rank of a job on one node sees every GPU without
 * {@code CUDA_VISIBLE_DEVICES}, and charging each the whole node counted the job's energy once per rank. Nor is a GPU
 * NVML lists nobody on, once this process has a CUDA context on another: it idles, and charging it to every rank of
 * the node counted its idle power once per rank for the whole run. Before any context exists (start-up, or a run on
 * the CPU) such a GPU is charged whole: nothing tells whose it will be.
 */
final class ProcessAttribution {

    /** What the share is based on. */
    enum Basis {
        /** NVML lists this process only. */
        NOT_SHARED,
        SM_UTILIZATION, MEMORY,
        /** NVML lists no process, and has not yet listed this one on any GPU: charged whole. */
        NO_PROCESSES,
        /** NVML lists no process here, and has listed this one on another GPU: an idle GPU, none of it ours. */
        IDLE,
        /** NVML lists other processes and not this one (which has no CUDA context there): none of it is ours. */
        OTHERS_ONLY,
        /** This process's pid in NVML's namespace is unknown (see {@link MonitoredProcess}): charged whole. */
        PID_UNMAPPABLE,
        /** NVML gives no process list here: not attributed. */
        PROCESSES_UNAVAILABLE
    }

    record Share(double value, Basis basis) {
        static final Share WHOLE = new Share(1, Basis.NOT_SHARED);

        /** Whether NVML listed this process on the GPU. */
        boolean listsThisProcess() {
            return basis == Basis.NOT_SHARED || basis == Basis.SM_UTILIZATION || basis == Basis.MEMORY;
        }
    }

    private final MonitoredProcess self;
    private long lastSeenMicros;
    private Share utilizationShare;

    ProcessAttribution(MonitoredProcess self) {
        this.self = self;
    }

    /**
     * @param samplesSince fetches per-process utilization samples newer than the given NVML timestamp (µs)
     * @param listedBefore whether an earlier sample listed this process on any GPU of the sampler
     */
    Share update(NvmlResult<List<GpuProcess>> processes, LongFunction<NvmlResult<List<ProcessUtilization>>> samplesSince,
                 boolean listedBefore) {
        if (!processes.isSuccess()) {
            return new Share(1, Basis.PROCESSES_UNAVAILABLE);
        }
        List<GpuProcess> listed = processes.value();
        if (listed.isEmpty()) {
            utilizationShare = null;
            return listedBefore ? new Share(0, Basis.IDLE) : new Share(1, Basis.NO_PROCESSES);
        }
        if (listed.stream().allMatch(p -> self.is(p.pid()))) {
            utilizationShare = null;
            return Share.WHOLE;
        }
        if (self.unmappable().isPresent()) {
            return new Share(1, Basis.PID_UNMAPPABLE);
        }
        if (listed.stream().noneMatch(p -> self.is(p.pid()))) {
            utilizationShare = null;
            return new Share(0, Basis.OTHERS_ONLY);
        }
        NvmlResult<List<ProcessUtilization>> samples = samplesSince.apply(lastSeenMicros);
        if (samples.isSuccess()) {
            samples.value().forEach(s -> lastSeenMicros = Math.max(lastSeenMicros, s.timeStampMicros()));
            long total = samples.value().stream().mapToLong(ProcessUtilization::smPercent).sum();
            long own = samples.value().stream().filter(s -> self.is(s.pid()))
                .mapToLong(ProcessUtilization::smPercent).sum();
            if (total > 0) {
                utilizationShare = new Share((double) own / total, Basis.SM_UTILIZATION);
            }
        }
        if (utilizationShare != null) {
            return utilizationShare;
        }
        return memoryShare(listed);
    }

    private Share memoryShare(List<GpuProcess> listed) {
        // NVML reports memory it cannot see (e.g. under Windows WDDM) as all ones, i.e. negative here.
        if (listed.stream().anyMatch(p -> p.usedGpuMemoryBytes() < 0)) {
            return new Share(1, Basis.PROCESSES_UNAVAILABLE);
        }
        long total = listed.stream().mapToLong(GpuProcess::usedGpuMemoryBytes).sum();
        long own = listed.stream().filter(p -> self.is(p.pid())).mapToLong(GpuProcess::usedGpuMemoryBytes).sum();
        return total > 0 ? new Share((double) own / total, Basis.MEMORY) : new Share(1, Basis.PROCESSES_UNAVAILABLE);
    }
}
