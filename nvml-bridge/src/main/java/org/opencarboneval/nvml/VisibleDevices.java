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
 */
final class VisibleDevices {

    static final String NVIDIA_VARIABLE = "NVIDIA_VISIBLE_DEVICES";
    static final String CUDA_VARIABLE = "CUDA_VISIBLE_DEVICES";

    private VisibleDevices() {
    }

    record Device(int index, String uuid) {
    }

    /** The devices to monitor, in order, and a note for the status line naming the variables that applied. */
    record Selection(List<Device> devices, String note) {
    }

    static Selection select(Map<String, String> environment, List<Device> all) {
        List<Device> visible = all;
        List<String> applied = new ArrayList<>();
        String nvidia = environment.get(NVIDIA_VARIABLE);
        if (nvidia != null) {
            visible = containerVisible(nvidia, all);
            applied.add(NVIDIA_VARIABLE + "=" + nvidia);
        }
        String cuda = environment.get(CUDA_VARIABLE);
        if (cuda != null) {
            visible = cudaVisible(cuda, visible);
            applied.add(CUDA_VARIABLE + "=" + cuda);
        }
        return new Selection(List.copyOf(visible), String.join(", ", applied));
    }

    private static List<Device> containerVisible(String value, List<Device> all) {
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
            find(entry, all).filter(d -> !chosen.contains(d)).ifPresent(chosen::add);
        }
        return chosen;
    }

    private static List<Device> cudaVisible(String value, List<Device> visible) {
        List<Device> chosen = new ArrayList<>();
        for (String entry : entries(value)) {
            Optional<Device> device = find(entry, visible);
            if (device.isEmpty()) {
                break;
            }
            if (!chosen.contains(device.get())) {
                chosen.add(device.get());
            }
        }
        return chosen;
    }

    /** A position in {@code devices}, or a {@code GPU-} UUID prefix that matches exactly one of them. */
    private static Optional<Device> find(String entry, List<Device> devices) {
        if (entry.regionMatches(true, 0, "GPU-", 0, 4)) {
            String prefix = entry.toLowerCase(Locale.ROOT);
            List<Device> matches = devices.stream()
                .filter(d -> d.uuid() != null && d.uuid().toLowerCase(Locale.ROOT).startsWith(prefix)).toList();
            return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
        }
        try {
            int ordinal = Integer.parseInt(entry);
            return ordinal >= 0 && ordinal < devices.size() ? Optional.of(devices.get(ordinal)) : Optional.empty();
        } catch (NumberFormatException notAnIndex) {
            return Optional.empty();
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
