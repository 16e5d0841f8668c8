package org.opencarboneval.calibration;

import java.util.ArrayList;
import java.util.List;

/** Grid carbon intensity by country and cloud region, from the bundled {@code grid_intensity.csv}. */
public final class GridIntensities {

    private static final String RESOURCE = "grid_intensity.csv";
    /** The documented default when no region is configured. */
    public static final String WORLD = "WORLD";

    private final List<GridIntensity> regions;
    private final NameIndex<GridIntensity> index;

    GridIntensities(List<GridIntensity> regions) {
        this.regions = List.copyOf(regions);
        this.index = new NameIndex<>("region", regions, r -> r.code() + " (" + r.name() + ")", r -> {
            List<String> names = new ArrayList<>(r.aliases());
            names.add(r.code());
            names.add(r.name());
            return names;
        });
    }

    public static GridIntensities bundled() {
        return Holder.BUNDLED;
    }

    static GridIntensities from(CsvTable table) {
        table.requireColumns("code", "name", "aliases", "kind", "kg_per_kwh", "year", "source");
        List<GridIntensity> regions = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            regions.add(new GridIntensity(row.requiredText("code"), row.requiredText("name"), row.list("aliases"),
                row.requiredText("kind"), row.requiredNumber("kg_per_kwh"), (int) row.requiredNumber("year"),
                row.requiredText("source")));
        }
        return new GridIntensities(regions);
    }

    public List<GridIntensity> all() {
        return regions;
    }

    /** A country (ISO code or name), a cloud region ("aws:us-east-1", "gcp:europe-west4") or "WORLD". */
    public GridIntensity resolve(String region) {
        return index.resolve(region);
    }

    public GridIntensity world() {
        return resolve(WORLD);
    }

    private static final class Holder {
        static final GridIntensities BUNDLED = from(CsvTable.resource(RESOURCE));
    }
}
