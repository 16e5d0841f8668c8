package org.opencarboneval.calibration;

import java.util.List;

/**
 * The carbon intensity of one grid: a country, a cloud region, or the world average.
 *
 * @param kind "country", "aws", "gcp", "azure" or "world"; a cloud kind also selects that provider's PUE
 */
public record GridIntensity(String code, String name, List<String> aliases, String kind, double kgPerKwh, int year,
                            String source) {

    /** An intensity given directly (a setting, a flag, a published figure) rather than looked up in the table. */
    public static GridIntensity given(String code, double kgPerKwh, String source) {
        return new GridIntensity(code, code, List.of(), "country", kgPerKwh, 0, source);
    }

    public boolean isCloudRegion() {
        return kind.equals("aws") || kind.equals("gcp") || kind.equals("azure");
    }
}
