package org.opencarboneval.calibration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PUE per cloud provider and the default for a datacenter we know nothing about, from the bundled {@code pue.csv}. */
public final class PueTable {

    private static final String RESOURCE = "pue.csv";
    static final String DEFAULT = "default";

    private final Map<String, Pue> byProvider;

    PueTable(List<Pue> rows) {
        Map<String, Pue> map = new LinkedHashMap<>();
        rows.forEach(p -> map.put(p.provider(), p));
        if (!map.containsKey(DEFAULT)) {
            throw new IllegalStateException("pue.csv needs a '" + DEFAULT + "' row for unknown datacenters");
        }
        this.byProvider = map;
    }

    public static PueTable bundled() {
        return Holder.BUNDLED;
    }

    static PueTable from(CsvTable table) {
        table.requireColumns("provider", "pue", "year", "source");
        return new PueTable(table.rows().stream()
            .map(r -> new Pue(r.requiredText("provider"), r.requiredNumber("pue"), (int) r.requiredNumber("year"),
                r.requiredText("source")))
            .toList());
    }

    /** The provider's PUE for a cloud region, the unknown-datacenter default otherwise. */
    public Pue forRegion(GridIntensity region) {
        return byProvider.getOrDefault(region.kind(), unknownDatacenter());
    }

    public Pue unknownDatacenter() {
        return byProvider.get(DEFAULT);
    }

    public List<Pue> all() {
        return List.copyOf(byProvider.values());
    }

    private static final class Holder {
        static final PueTable BUNDLED = from(CsvTable.resource(RESOURCE));
    }
}
