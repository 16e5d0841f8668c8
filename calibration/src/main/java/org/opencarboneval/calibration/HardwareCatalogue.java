package org.opencarboneval.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The accelerators the estimator knows, loaded from the bundled {@code hardware.csv} (one source per row). */
public final class HardwareCatalogue {

    private static final String RESOURCE = "hardware.csv";

    private final List<Hardware> devices;
    private final NameIndex<Hardware> index;

    HardwareCatalogue(List<Hardware> devices) {
        this.devices = List.copyOf(devices);
        this.index = new NameIndex<>("hardware", devices, Hardware::name, h -> {
            List<String> names = new ArrayList<>(h.aliases());
            names.add(h.name());
            names.add(h.id());
            return names;
        });
    }

    public static HardwareCatalogue bundled() {
        return Holder.BUNDLED;
    }

    static HardwareCatalogue from(CsvTable table) {
        table.requireColumns("id", "name", "aliases", "family", "kind", "tdp_w", "peak_tflops", "log10_alpha_low",
            "log10_alpha_high", "embodied_kgco2e", "lifetime_years", "source");
        List<Hardware> devices = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            double peak = row.requiredNumber("peak_tflops");
            double low = row.number("log10_alpha_low");
            double high = row.number("log10_alpha_high");
            AlphaRange alpha = Double.isNaN(low) || Double.isNaN(high)
                ? AlphaRange.derivedFromPeak(peak)
                : new AlphaRange(low, high, true);
            devices.add(new Hardware(row.requiredText("id"), row.requiredText("name"), row.list("aliases"),
                row.requiredText("family"), row.requiredText("kind"), row.requiredNumber("tdp_w"), peak, alpha,
                row.requiredNumber("embodied_kgco2e"), row.requiredNumber("lifetime_years"),
                row.requiredText("source")));
        }
        return new HardwareCatalogue(devices);
    }

    public List<Hardware> all() {
        return devices;
    }

    /** The device named, by name, alias or id in any spelling; else {@link UnknownNameException} with suggestions. */
    public Hardware resolve(String name) {
        return find(name).orElseGet(() -> index.resolve(stripRemarks(name)));
    }

    /** The whole name first ("DGX-A100 (8x40G)" names the memory in its remark), then without the remark. */
    public Optional<Hardware> find(String name) {
        return index.find(name).or(() -> index.find(stripRemarks(name)));
    }

    /** Published tables write "NVIDIA A100-80GB (SXM4)" or "AMD MI250X (LUMI, Finland)": the remark is usually not the name. */
    private static String stripRemarks(String name) {
        int paren = name.indexOf('(');
        return paren > 0 ? name.substring(0, paren).strip() : name.strip();
    }

    private static final class Holder {
        static final HardwareCatalogue BUNDLED = from(CsvTable.resource(RESOURCE));
    }
}
