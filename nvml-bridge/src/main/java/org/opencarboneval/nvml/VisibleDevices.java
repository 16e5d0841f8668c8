package org.opencarboneval.nvml;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which of the GPUs NVML lists this process can use, so that every rank measures only its own devices (no N-fold
 * double counting).
 * <ul>
 * <li>{@code NVIDIA_VISIBLE_DEVICES} (nvidia-container-toolkit): {@code all}; {@code none}, {@code void} or empty
 * for no GPU; otherwise indices or UUIDs. Inside a container the runtime has already applied it and NVML numbers
 * the remaining devices from 0, so the list only filters when NVML sees more devices than it names (bare metal, or
 * a privileged container).</li>
 * <li>{@code CUDA_VISIBLE_DEVICES}, applied to what is left, as CUDA does: indices or {@code GPU-} UUID prefixes in
 * order; the first entry that matches nothing ends the list; empty means no GPU. Indices are taken in NVML (PCI bus)
 * order, which is CUDA's under {@code CUDA_DEVICE_ORDER=PCI_BUS_ID} and on machines of identical GPUs.</li>
 * </ul>
 * Either list may name {@code MIG-} devices: each stands for the GPU it is a slice of, whose whole energy is then
 * measured (NVML has no per-slice energy), and the notes say so.
 */
final class VisibleDevices {

    static final String NVIDIA_VARIABLE = "NVIDIA_VISIBLE_DEVICES";
    static final String CUDA_VARIABLE = "CUDA_VISIBLE_DEVICES";

    private VisibleDevices() {
    }

    /**
     * One GPU NVML numbers, whether or not its handle could be had: CUDA numbers it all the same, so indices must not
     * shift past it. {@code uuid} is empty when NVML could not tell it.
     */
    record Device(int index, String uuid) {
    }

    /** Finds the NVML index of the GPU a MIG device is a slice of, or the NVML code saying why not. */
    interface MigParents {
        NvmlResult<Integer> parentIndex(String migUuid);
    }

    /** The devices to monitor, in order, and notes for the status line: the variables that applied, MIG entries. */
    record Selection(List<Device> devices, List<String> notes) {
    }

    static Selection select(Map<String, String> environment, List<Device> all, MigParents migParents) {
        List<Device> visible = all;
        List<String> applied = new ArrayList<>();
        List<String> migNotes = new ArrayList<>();
        Finder finder = new Finder(migParents, migNotes);
        String nvidia = environment.get(NVIDIA_VARIABLE);
        if (nvidia != null) {
            visible = containerVisible(nvidia, all, finder);
            applied.add(NVIDIA_VARIABLE + "=" + nvidia);
        }
        String cuda = environment.get(CUDA_VARIABLE);
        if (cuda != null) {
            visible = cudaVisible(cuda, visible, finder);
            applied.add(CUDA_VARIABLE + "=" + cuda);
        }
        List<String> notes = new ArrayList<>();
        if (!applied.isEmpty()) {
            notes.add(String.join(", ", applied) + " applied");
        }
        migNotes.stream().distinct().forEach(notes::add);
        return new Selection(List.copyOf(visible), List.copyOf(notes));
    }

    private static List<Device> containerVisible(String value, List<Device> all, Finder finder) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        if (text.equals("all")) {
            return all;
        }
        if (text.isEmpty() || text.equals("none") || text.equals("void")) {
            return List.of();
        }
        List<String> entries = entries(value);
        if (all.size() <= entries.size()) {
            return all;
        }
        List<Device> chosen = new ArrayList<>();
        for (String entry : entries) {
            finder.find(entry, all).filter(d -> !chosen.contains(d)).ifPresent(chosen::add);
        }
        return chosen;
    }

    private static List<Device> cudaVisible(String value, List<Device> visible, Finder finder) {
        List<Device> chosen = new ArrayList<>();
        for (String entry : entries(value)) {
            Optional<Device> device = finder.find(entry, visible);
            if (device.isEmpty()) {
                break;
            }
            if (!chosen.contains(device.get())) {
                chosen.add(device.get());
            }
        }
        return chosen;
    }

    /** Matches one list entry against the devices still visible, noting what became of MIG entries. */
    private record Finder(MigParents migParents, List<String> migNotes) {

        /** A position in {@code devices}, a {@code GPU-} UUID prefix matching exactly one, or a MIG device's GPU. */
        Optional<Device> find(String entry, List<Device> devices) {
            if (entry.regionMatches(true, 0, "MIG-", 0, 4)) {
                return migParent(entry, devices);
            }
            if (entry.regionMatches(true, 0, "GPU-", 0, 4)) {
                String prefix = entry.toLowerCase(Locale.ROOT);
                List<Device> matches = devices.stream()
                    .filter(d -> d.uuid().toLowerCase(Locale.ROOT).startsWith(prefix)).toList();
                return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
            }
            try {
                int ordinal = Integer.parseInt(entry);
                return ordinal >= 0 && ordinal < devices.size() ? Optional.of(devices.get(ordinal)) : Optional.empty();
            } catch (NumberFormatException notAnIndex) {
                return Optional.empty();
            }
        }

        private Optional<Device> migParent(String entry, List<Device> devices) {
            NvmlResult<Integer> parent = migParents.parentIndex(entry);
            if (!parent.isSuccess()) {
                migNotes.add(entry + " skipped: not mapped to its GPU (" + parent.code().nvmlName() + ")");
                return Optional.empty();
            }
            Optional<Device> device = devices.stream().filter(d -> d.index() == parent.value()).findFirst();
            migNotes.add(device.isPresent()
                ? entry + " is a MIG slice of GPU " + parent.value()
                    + ": the whole GPU's energy is reported, MIG slices are not attributed"
                : entry + " skipped: its GPU " + parent.value() + " is not visible");
            return device;
        }
    }

    private static List<String> entries(String value) {
        List<String> entries = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                entries.add(part.strip());
            }
        }
        return entries;
    }
}
