package org.opencarboneval.calibration;

import java.util.List;

/**
 * The carbon intensity of one grid: a country, a cloud region, or the world average.
 *
 * @param kind "country", "aws", "gcp", "azure" or "world"; a cloud kind also selects that provider's PUE
 */
public record GridIntensity(String code, String name, List<String> aliases, String kind, double kgPerKwh, int year,
                            String source) {

    public boolean isCloudRegion() {
        return kind.equals("aws") || kind.equals("gcp") || kind.equals("azure");
    }
}
